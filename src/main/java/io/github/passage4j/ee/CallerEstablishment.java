package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.SignInSecrets;
import io.github.passage4j.oidc.TokenResponse;
import io.github.passage4j.oidc.ValidatedAccessToken;
import io.github.passage4j.oidc.ValidatedIdToken;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stage "establish the caller": turns validated tokens into the principal, its groups and its tokens: a validated ID
 * token at sign-in, a refreshed one later, or a bearer access token for a single request.
 */
final class CallerEstablishment {

    /**
     * Claims about the sign-in itself (OIDC Core 2; Back-Channel Logout 1.0 section 2.1), which a profile takes from
     * the ID token only, so that {@code PassageProfile#getAcr()} and the others never show an unsigned value.
     */
    static final java.util.Set<String> AUTHENTICATION_EVENT_CLAIMS = java.util.Set.of("acr", "amr", "auth_time",
            "sid", "nonce", "azp", "at_hash", "c_hash");

    private final PassageSettings settings;
    private final GroupProviders groupProviders;
    private final Clock clock;

    CallerEstablishment(PassageSettings settings) {
        this(settings, GroupProviders.NONE, Clock.systemUTC());
    }

    CallerEstablishment(PassageSettings settings, GroupProviders groupProviders, Clock clock) {
        this.settings = settings;
        this.groupProviders = groupProviders;
        this.clock = clock;
    }

    /**
     * @param idToken  the validated ID token
     * @param userInfo the userinfo claims of the same subject (possibly empty); they add to the ID token's claims but
     *                 never replace one, since only the ID token's are signed
     * @param tokens   the token response
     */
    SignedInCaller callerFrom(ValidatedIdToken idToken, Map<String, Object> userInfo, TokenResponse tokens)
            throws ProviderRejectedException {
        return callerFrom(idToken, userInfo, tokens, null);
    }

    /**
     * As {@link #callerFrom(ValidatedIdToken, Map, TokenResponse)}, for tokens bound to a DPoP key.
     *
     * @param dpopKey the sign-in's DPoP key ({@code DpopKey#serialize()}), or null without DPoP
     */
    SignedInCaller callerFrom(ValidatedIdToken idToken, Map<String, Object> userInfo, TokenResponse tokens,
                              String dpopKey) throws ProviderRejectedException {
        Map<String, Object> claims = new LinkedHashMap<>(userInfo);
        // how and when the user authenticated is the ID token's to say (it is signed for it), never userinfo's
        claims.keySet().removeAll(AUTHENTICATION_EVENT_CLAIMS);
        claims.putAll(idToken.claims());
        PassageProfile profile = profile(claims, "the ID token");
        PassageTokens passageTokens = new PassageTokens(idToken.rawToken(), tokens.accessToken(),
                tokens.refreshToken(), tokens.accessTokenExpiresAt(), idToken.expiresAt(), tokens.tokenType(), dpopKey);
        return new SignedInCaller(profile, allGroups(profile, claims), passageTokens, idToken.claims(),
                clock.instant(), settings.name(), SignInSecrets.randomToken(), dpopKey);
    }

    /**
     * The caller after a refresh (OIDC Core 12.2): a new ID token's claims replace the old ID token's, the userinfo
     * claims of the sign-in stay; a refresh token that did not come back is kept, since it stays valid (RFC 6749 6).
     *
     * @param caller           the caller before
     * @param refreshedIdToken the validated ID token of the refresh response, or null when it had none
     * @param tokens           the refresh response
     */
    SignedInCaller refreshed(SignedInCaller caller, ValidatedIdToken refreshedIdToken, TokenResponse tokens)
            throws ProviderRejectedException {
        String refreshToken = tokens.refreshToken() != null
                ? tokens.refreshToken() : caller.tokens().getRefreshToken().orElse(null);
        if (refreshedIdToken == null) {
            PassageTokens kept = new PassageTokens(caller.tokens().getIdToken(), tokens.accessToken(), refreshToken,
                    tokens.accessTokenExpiresAt(), caller.tokens().getIdTokenExpiresAt(), tokens.tokenType(),
                    caller.dpopKey());
            return caller.withTokens(caller.profile(), caller.groups(), kept, caller.idTokenClaims());
        }
        Map<String, Object> claims = new LinkedHashMap<>(caller.profile().getClaims());
        claims.keySet().removeAll(caller.idTokenClaims().keySet());
        claims.putAll(refreshedIdToken.claims());
        PassageProfile profile = profile(claims, "the refreshed ID token");
        PassageTokens refreshed = new PassageTokens(refreshedIdToken.rawToken(), tokens.accessToken(), refreshToken,
                tokens.accessTokenExpiresAt(), refreshedIdToken.expiresAt(), tokens.tokenType(), caller.dpopKey());
        return caller.withTokens(profile, allGroups(profile, claims), refreshed, refreshedIdToken.claims());
    }

    /** The caller of one request that brought a validated bearer token: its claims make the profile. */
    SignedInCaller bearerCaller(ValidatedAccessToken token) throws ProviderRejectedException {
        PassageProfile profile = profile(token.claims(), "the bearer token");
        return SignedInCaller.bearer(profile, allGroups(profile, token.claims()), clock.instant(),
                settings.name());
    }

    private PassageProfile profile(Map<String, Object> claims, String source) throws ProviderRejectedException {
        Object name = claims.get(settings.callerNameClaim());
        if (!(name instanceof String || name instanceof Number) || name.toString().isBlank()) {
            throw new ProviderRejectedException(source + " has no '" + settings.callerNameClaim()
                    + "' claim to name the caller (callerNameClaim)");
        }
        return new PassageProfile(name.toString(), claims);
    }

    private Set<String> allGroups(PassageProfile profile, Map<String, Object> claims) {
        Set<String> groups = new LinkedHashSet<>(groups(claims));
        groups.addAll(groupProviders.groupsOf(profile, Set.copyOf(groups)));
        return groups;
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
