package io.github.passage4j.ee;

import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.ValidatedIdToken;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The established caller: what later requests need to be recognised without calling the provider, and to refresh
 * its tokens.
 *
 * @param profile       the caller principal
 * @param groups        the caller's groups (roles)
 * @param tokens        the caller's tokens; null for a caller authenticated by a bearer token, who has none to keep
 * @param idTokenClaims the claims of the latest validated ID token alone (the profile adds userinfo claims), which a
 *                      refreshed ID token is checked against (OIDC Core 12.2) and which name the provider session
 *                      ({@code sid}); empty for a bearer caller
 * @param signedInAt    when the caller signed in here; a back-channel logout later than this ends the session
 * @param definition    the name of the definition (provider) the caller signed in with, empty for the default; its
 *                      provider refreshes the tokens, ends the session and receives its back-channel logouts
 * @param sessionKey    a random id of this sign-in here, kept through refreshes: what a local logout ends on every
 *                      node, and what one refresh at a time is counted per; empty for a bearer caller
 * @param dpopKey       the DPoP key the tokens are bound to ({@code DpopKey#serialize()}), kept through refreshes;
 *                      null without DPoP
 */
record SignedInCaller(PassageProfile profile, Set<String> groups, PassageTokens tokens,
                      Map<String, Object> idTokenClaims, Instant signedInAt, String definition, String sessionKey,
                      String dpopKey)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 4L;

    SignedInCaller {
        groups = Set.copyOf(groups);
        idTokenClaims = SerializableClaims.copy(idTokenClaims);
    }

    /** A caller whose tokens are not DPoP-bound. */
    SignedInCaller(PassageProfile profile, Set<String> groups, PassageTokens tokens, Map<String, Object> idTokenClaims,
                   Instant signedInAt, String definition, String sessionKey) {
        this(profile, groups, tokens, idTokenClaims, signedInAt, definition, sessionKey, null);
    }

    /** The DPoP key of the session's tokens, or null when they are bearer tokens. */
    DpopKey dpopKeyOrNull() {
        return dpopKey == null ? null : DpopKey.parse(dpopKey);
    }

    /** A caller of one request, authenticated by a bearer token: no tokens, no session. */
    static SignedInCaller bearer(PassageProfile profile, Set<String> groups, Instant now, String definition) {
        return new SignedInCaller(profile, groups, null, Map.of(), now, definition, "");
    }

    /** The provider session of the sign-in: the ID token's {@code sid} (Back-Channel Logout 1.0 section 2.1). */
    String sessionId() {
        return idTokenClaims.get("sid") instanceof String sid ? sid : null;
    }

    /**
     * The claims that say how and when the caller authenticated ({@code acr}, {@code auth_time}): the ID token's for
     * a session, the access token's for a bearer caller, never userinfo's, which a provider does not sign for that.
     */
    Map<String, Object> authenticationClaims() {
        return tokens == null ? profile.getClaims() : idTokenClaims;
    }

    /** The ID token's {@code sub}. */
    String subject() {
        return idTokenClaims.get("sub") instanceof String sub ? sub : profile.getSub();
    }

    /** When the tokens stop being usable: the access token's expiry, else the ID token's. */
    Instant tokensExpireAt() {
        return tokens.getAccessTokenExpiresAt().orElse(tokens.getIdTokenExpiresAt());
    }

    /** The latest ID token as the OpenID core validated it, for OIDC Core 12.2's comparison with a refreshed one. */
    ValidatedIdToken idToken() {
        return new ValidatedIdToken(tokens.getIdToken(), idTokenClaims, subject(), tokens.getIdTokenExpiresAt());
    }

    SignedInCaller withTokens(PassageProfile newProfile, Set<String> newGroups, PassageTokens newTokens,
                              Map<String, Object> newIdTokenClaims) {
        return new SignedInCaller(newProfile, newGroups, newTokens, newIdTokenClaims, signedInAt, definition,
                sessionKey, dpopKey);
    }

    /** The same caller after the provider refused its refresh token: there is none to try again. */
    SignedInCaller withoutRefreshToken() {
        PassageTokens kept = new PassageTokens(tokens.getIdToken(), tokens.getAccessToken(), null,
                tokens.getAccessTokenExpiresAt().orElse(null), tokens.getIdTokenExpiresAt(), tokens.getTokenType(),
                dpopKey);
        return new SignedInCaller(profile, groups, kept, idTokenClaims, signedInAt, definition, sessionKey, dpopKey);
    }

    @Override
    public String toString() {
        return "SignedInCaller[" + profile + ", groups=" + groups + ", definition=" + definition + "]";
    }
}
