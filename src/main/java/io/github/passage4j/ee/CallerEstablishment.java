package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.TokenResponse;
import io.github.passage4j.oidc.ValidatedIdToken;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Stage "establish the caller": turns a validated ID token into the principal, its groups and its tokens. */
final class CallerEstablishment {

    private final PassageSettings settings;

    CallerEstablishment(PassageSettings settings) {
        this.settings = settings;
    }

    /**
     * @param idToken  the validated ID token
     * @param userInfo the userinfo claims of the same subject (possibly empty); they add to the ID token's claims but
     *                 never replace one, since only the ID token's are signed
     * @param tokens   the token response
     */
    SignedInCaller callerFrom(ValidatedIdToken idToken, Map<String, Object> userInfo, TokenResponse tokens)
            throws ProviderRejectedException {
        Map<String, Object> claims = new LinkedHashMap<>(userInfo);
        claims.putAll(idToken.claims());
        Object name = claims.get(settings.callerNameClaim());
        if (!(name instanceof String || name instanceof Number) || name.toString().isBlank()) {
            throw new ProviderRejectedException("the ID token has no '" + settings.callerNameClaim()
                    + "' claim to name the caller (callerNameClaim)");
        }
        PassageProfile profile = new PassageProfile(name.toString(), claims);
        PassageTokens passageTokens = new PassageTokens(idToken.rawToken(), tokens.accessToken(),
                tokens.refreshToken(), tokens.accessTokenExpiresAt(), idToken.expiresAt());
        return new SignedInCaller(profile, groups(claims), passageTokens);
    }

    /** Reads the groups claim, following a dotted path such as {@code realm_access.roles} into nested objects. */
    Set<String> groups(Map<String, Object> claims) {
        String path = settings.callerGroupsClaim();
        if (path.isEmpty()) {
            return Set.of();
        }
        Object value = claims.get(path);
        if (value == null && path.contains(".")) {
            value = claims;
            for (String step : path.split("\\.")) {
                value = value instanceof Map<?, ?> object ? object.get(step) : null;
            }
        }
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof String single) {
            groups.add(single);
        } else if (value instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        }
        return groups;
    }
}
