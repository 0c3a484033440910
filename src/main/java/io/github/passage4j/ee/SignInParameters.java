package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthorizationParameters;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads extra authorization parameters: the {@code extraParameters} setting (annotation entries {@code name=value},
 * or configuration's query string) and a sign-in request's own ({@code /passage/signin?prompt=login&max_age=300}).
 */
final class SignInParameters {

    /** The sign-in path's own parameter: where to go afterwards; never sent to the provider. */
    static final String RETURN = "return";

    private SignInParameters() {
    }

    /**
     * The allow-listed parameters of a sign-in request ({@link AuthorizationParameters#REQUEST_ALLOW_LIST}).
     * Parameters the app does not pass on (tracking parameters, {@code return}) are ignored; a protected one is
     * refused, so that a crafted link learns it cannot set {@code state} or {@code redirect_uri}.
     *
     * @throws IllegalArgumentException naming the rule broken; safe to show, it never repeats a value
     */
    static AuthorizationParameters fromRequest(HttpServletRequest request) {
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (AuthorizationParameters.isProtected(name)) {
                throw new IllegalArgumentException("OIDC Core 3.1.2.1: " + name
                        + " is set by the library and cannot be given by a sign-in request");
            }
            if (!AuthorizationParameters.REQUEST_ALLOW_LIST.contains(name)) {
                continue;
            }
            if (parameter.getValue().length != 1) {
                // OAuth 2.0 (RFC 6749 3.1): request parameters MUST NOT be included more than once
                throw new IllegalArgumentException("RFC 6749 3.1: " + name + " is given more than once");
            }
            given.put(name, parameter.getValue()[0]);
        }
        return AuthorizationParameters.ofRequest(given);
    }

    /** Configuration's form: one query string, {@code prompt=consent&ui_locales=de%20en}. */
    static Map<String, String> parseQuery(String query, List<String> problems, String setting) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            try {
                put(parameters, equals < 0 ? "" : URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8),
                        problems, setting);
            } catch (IllegalArgumentException badEscape) {
                problems.add(setting + ": a parameter has an invalid percent-encoding");
            }
        }
        return parameters;
    }

    /** The annotation's form: one {@code name=value} per entry, taken literally. */
    static Map<String, String> parseEntries(List<String> entries, List<String> problems, String setting) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            put(parameters, equals < 0 ? "" : entry.substring(0, equals).strip(),
                    equals < 0 ? "" : entry.substring(equals + 1).strip(), problems, setting);
        }
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, String value, List<String> problems,
            String setting) {
        if (name.isEmpty()) {
            problems.add(setting + ": each parameter must be written name=value");
        } else if (parameters.putIfAbsent(name, value) != null) {
            problems.add(setting + ": " + name + " is given more than once (RFC 6749 3.1)");
        }
    }
}
