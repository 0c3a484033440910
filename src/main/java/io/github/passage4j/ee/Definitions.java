package io.github.passage4j.ee;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved settings of every {@code @PassageAuthenticationDefinition} of the app, and which one is the default:
 * the unnamed one, else the one whose name sorts first. Checked together, because two definitions that share a name
 * or a callback path could not tell their sign-ins apart.
 */
final class Definitions {

    private final List<PassageSettings> all;
    private final PassageSettings defaultDefinition;

    private Definitions(List<PassageSettings> all, PassageSettings defaultDefinition) {
        this.all = List.copyOf(all);
        this.defaultDefinition = defaultDefinition;
    }

    /**
     * @param resolved the settings of each definition, in declaration order; at least one
     * @throws InvalidSettingsException naming both definitions of each clash
     */
    static Definitions of(List<PassageSettings> resolved) throws InvalidSettingsException {
        List<String> problems = new ArrayList<>();
        Map<String, PassageSettings> byName = new HashMap<>();
        Map<String, PassageSettings> byCallbackPath = new HashMap<>();
        for (PassageSettings settings : resolved) {
            PassageSettings sameName = byName.putIfAbsent(settings.name(), settings);
            if (sameName != null) {
                problems.add(settings.isUnnamed()
                        ? "there is more than one unnamed @PassageAuthenticationDefinition; give all but one a name"
                        : "two @PassageAuthenticationDefinitions are named '" + settings.name() + "'");
            }
            PassageSettings sameCallback = byCallbackPath.putIfAbsent(callbackPath(settings), settings);
            if (sameCallback != null && sameName == null) {
                problems.add(sameCallback.describe() + " and " + settings.describe() + " have the same callback path "
                        + callbackPath(settings) + " (redirectURI); each provider needs its own");
            }
        }
        for (PassageSettings settings : resolved) {
            if (!settings.session().equals(resolved.get(0).session())) {
                problems.add("the session settings (stateless, cookieEncryptionKeys, endedSessionsCache, "
                        + "endedSessionsCacheTimeout, sessionMaxAge, baseUrl) of " + resolved.get(0).describe() + " and "
                        + settings.describe()
                        + " differ; an app has one session store: set them on one definition or as passage.* keys");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        PassageSettings defaultDefinition = resolved.stream().filter(PassageSettings::isUnnamed).findFirst()
                .orElseGet(() -> resolved.stream().min(Comparator.comparing(PassageSettings::name)).orElseThrow());
        return new Definitions(resolved, defaultDefinition);
    }

    /** Where a definition's callback lands, independent of the request: the path of its redirect URI. */
    private static String callbackPath(PassageSettings settings) {
        String redirectUri = settings.redirectUri();
        return redirectUri.startsWith("/") ? redirectUri : URI.create(redirectUri).getRawPath();
    }

    List<PassageSettings> all() {
        return all;
    }

    /** The definition an anonymous request for a protected page signs in with. */
    PassageSettings defaultDefinition() {
        return defaultDefinition;
    }

    /** How the app keeps its sessions: the same for every definition. */
    SessionSettings session() {
        return defaultDefinition.session();
    }

    Optional<PassageSettings> named(String name) {
        return all.stream().filter(settings -> settings.name().equals(name)).findFirst();
    }
}
