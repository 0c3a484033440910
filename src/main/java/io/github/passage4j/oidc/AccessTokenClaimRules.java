package io.github.passage4j.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of RFC 9068 section 4 (steps 3, 4 and 6) and of RFC 7519 4.1 on the claims of a JWT
 * access token whose signature is already valid, after the check that it is no other kind of JWT
 * the same issuer signs with the same keys (RFC 8725 3.11 and 3.12).
 */
final class AccessTokenClaimRules {

    /** RFC 8725 3.11: what an ID token may carry and an access token never does (OIDC Core 2 and 3.3.2.11). */
    private static final List<String> ID_TOKEN_ONLY_CLAIMS = List.of("at_hash", "c_hash");

    private final Set<String> acceptedAudiences;
    /** The client whose ID tokens this issuer signs, naming it as their only audience; null when there is none. */
    private final String clientId;
    private final Duration clockSkew;

    AccessTokenClaimRules(Set<String> acceptedAudiences, String clientId, Duration clockSkew) {
        this.acceptedAudiences = acceptedAudiences;
        this.clientId = clientId;
        this.clockSkew = clockSkew;
    }

    /**
     * @param claims the token's claims as parsed JSON
     * @param typ the token's {@code typ} header, or null when absent
     * @param issuer the expected issuer, exactly
     * @param now the current time
     * @return the validated token
     */
    ValidatedAccessToken check(Map<String, Object> claims, String typ, String issuer, Instant now)
            throws ProviderRejectedException {
        refuseOtherKindsOfToken(claims, typ);
        // RFC 9068 4 step 3: the issuer identifier must exactly match iss
        if (!issuer.equals(claims.get("iss"))) {
            throw new ProviderRejectedException("RFC 9068 4 step 3: iss does not match the expected issuer");
        }
        List<String> audiences = ClaimValues.audiences(claims, "RFC 9068 4 step 4");
        // RFC 9068 4 step 4: aud must name this resource server
        if (audiences.stream().noneMatch(acceptedAudiences::contains)) {
            throw new ProviderRejectedException("RFC 9068 4 step 4: aud contains none of the accepted audiences");
        }
        Instant exp = ClaimValues.numericDate(claims, "exp", "RFC 9068 4 step 6");
        // RFC 9068 4 step 6: the current time must be before exp, with a small leeway for clock skew
        if (!now.isBefore(exp.plus(clockSkew))) {
            throw new ProviderRejectedException("RFC 9068 4 step 6: access token has expired (exp)");
        }
        Instant nbf = ClaimValues.optionalNumericDate(claims, "nbf", "RFC 7519 4.1.5");
        // RFC 7519 4.1.5: the token must not be accepted before nbf
        if (nbf != null && nbf.isAfter(now.plus(clockSkew))) {
            throw new ProviderRejectedException("RFC 7519 4.1.5: access token is not valid yet (nbf)");
        }
        Instant iat = ClaimValues.optionalNumericDate(claims, "iat", "RFC 7519 4.1.6");
        // RFC 7519 4.1.6: a token issued in the future means a forged token or a badly clocked issuer
        if (iat != null && iat.isAfter(now.plus(clockSkew))) {
            throw new ProviderRejectedException("RFC 7519 4.1.6: iat is in the future");
        }
        // RFC 9068 2.2: sub is REQUIRED, the principal the token was issued for
        String subject = ClaimValues.requiredString(claims, "sub", "RFC 9068 2.2");
        return new ValidatedAccessToken(subject, issuer, audiences, exp, claims);
    }

    /**
     * RFC 8725 3.11 and 3.12, RFC 9068 4 step 1: an issuer signs ID tokens, logout tokens and access tokens with the
     * same keys, and untyped (or {@code typ: JWT}) access tokens are accepted, so the claims must tell an access token
     * apart; otherwise a leaked ID token (the logout form carries one) or logout token would authenticate API calls.
     * {@code typ: at+jwt} settles it, except for a logout token's {@code events}, which no access token has.
     */
    private void refuseOtherKindsOfToken(Map<String, Object> claims, String typ) throws ProviderRejectedException {
        // Back-Channel Logout 2.4: events marks a logout token, and one is never an access token (RFC 8725 3.12)
        if (claims.containsKey("events")) {
            throw new ProviderRejectedException("RFC 8725 3.12: the token carries events, a logout token's claim");
        }
        if (JwtKind.isExplicitAccessTokenType(typ)) {
            return;
        }
        for (String claim : ID_TOKEN_ONLY_CLAIMS) {
            if (claims.containsKey(claim)) {
                throw new ProviderRejectedException("RFC 8725 3.11: the token carries " + claim
                        + ", an ID token's claim, and is not typed at+jwt (RFC 9068 2.1)");
            }
        }
        // Keycloak names the kind of token in its payload: typ "ID" is an ID token, whatever the header says
        if ("ID".equals(claims.get("typ"))) {
            throw new ProviderRejectedException("RFC 8725 3.11: the token's payload says typ ID, an ID token, and it "
                    + "is not typed at+jwt (RFC 9068 2.1)");
        }
        // an access token names its scope (RFC 9068 2.2.3: scope; Microsoft Entra ID and Okta: scp); some issuers
        // (Keycloak before 25) copy the nonce into it
        boolean scoped = claims.containsKey("scope") || claims.containsKey("scp");
        if (claims.containsKey("nonce") && !scoped) {
            throw new ProviderRejectedException("RFC 8725 3.11: the token carries nonce without scope, as an ID token "
                    + "does, and is not typed at+jwt (RFC 9068 2.1)");
        }
        if (claims.containsKey("auth_time") && !scoped && !claims.containsKey("client_id")) {
            throw new ProviderRejectedException("RFC 8725 3.11: the token carries auth_time without scope or client_id,"
                    + " as an ID token does, and is not typed at+jwt (RFC 9068 2.1)");
        }
        // OIDC Core 2: an ID token's aud contains the client id (with other audiences, azp names it); with the client
        // id among the accepted audiences, such a token must show it is an access token by its scope
        if (clientId != null && !scoped && claims.get("aud") != null
                && ClaimValues.audiences(claims, "RFC 9068 4 step 4").contains(clientId)) {
            throw new ProviderRejectedException("RFC 8725 3.11: the token's audience contains the client id, as an ID "
                    + "token's does, and it has no scope and is not typed at+jwt (RFC 9068 2.1)");
        }
    }
}
