package io.github.passage4j.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The checks of OIDC Core 3.1.3.7 on the claims of an ID token whose signature is already valid,
 * and the {@code at_hash} check of 3.1.3.8. The nonce check is separate, since an ID token from a
 * refresh (OIDC Core 12.2) is held to another nonce rule.
 */
final class IdTokenClaimRules {

    /**
     * How old an ID token may be on arrival ({@code iat} in the past), beyond the clock skew. The
     * token is fetched from the token endpoint right after it was issued, so anything older was
     * kept somewhere and is being replayed; ten minutes is generous for slow networks. Logout
     * tokens, sent by the provider as the logout happens, are held to the same bound.
     */
    static final Duration MAX_TOKEN_AGE = Duration.ofMinutes(10);

    private final String clientId;
    private final Duration clockSkew;

    IdTokenClaimRules(String clientId, Duration clockSkew) {
        this.clientId = clientId;
        this.clockSkew = clockSkew;
    }

    /**
     * Every check of 3.1.3.7 and 3.1.3.8 except the nonce.
     *
     * @param claims the token's claims as parsed JSON
     * @param issuer the issuer exactly as the discovery document spells it
     * @param now the current time
     * @param accessToken the access token issued alongside, or null
     * @param algorithm the token's (already accepted) JWS algorithm, for at_hash
     */
    void check(Map<String, Object> claims, String issuer, Instant now, String accessToken, SigningAlgorithm algorithm)
            throws ProviderRejectedException {
        // OIDC Core 3.1.3.7 step 2: iss must exactly match the issuer from discovery
        if (!issuer.equals(claims.get("iss"))) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 2: iss does not match the provider's issuer");
        }
        checkAudience(claims);
        checkTimes(claims, now);
        // OIDC Core 2: sub is REQUIRED, a locally unique identifier of the end-user
        ClaimValues.requiredString(claims, "sub", "OIDC Core 2");
        checkAccessTokenHash(claims, accessToken, algorithm);
    }

    /** The nonce check of a sign-in's ID token. */
    void checkNonce(Map<String, Object> claims, String expectedNonce) throws ProviderRejectedException {
        // OIDC Core 3.1.3.7 step 11: nonce must be present and equal to the one we sent
        if (!(claims.get("nonce") instanceof String nonce) || !ClaimValues.sameSecret(nonce, expectedNonce)) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 11: nonce is missing or does not match the one sent");
        }
    }

    private void checkAudience(Map<String, Object> claims) throws ProviderRejectedException {
        List<String> audiences = ClaimValues.audiences(claims, "OIDC Core 3.1.3.7 step 3");
        // OIDC Core 3.1.3.7 step 3: aud must contain our client id
        if (!audiences.contains(clientId)) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 3: aud does not contain the client id");
        }
        Object azp = claims.get("azp");
        // OIDC Core 3.1.3.7 step 4: with several audiences, azp must say that the token was issued to us
        if (audiences.size() > 1 && azp == null) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 4: aud has several values but azp is missing");
        }
        // OIDC Core 3.1.3.7 step 5: if azp is present, it must be our client id
        if (azp != null && !clientId.equals(azp)) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 5: azp is not the client id");
        }
    }

    private void checkTimes(Map<String, Object> claims, Instant now) throws ProviderRejectedException {
        Instant exp = ClaimValues.numericDate(claims, "exp", "OIDC Core 3.1.3.7 step 9");
        // OIDC Core 3.1.3.7 step 9: the current time must be before exp (plus the tolerated skew)
        if (!now.isBefore(exp.plus(clockSkew))) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 9: ID token has expired (exp)");
        }
        Instant iat = ClaimValues.numericDate(claims, "iat", "OIDC Core 3.1.3.7 step 10");
        // OIDC Core 3.1.3.7 step 10: a token issued in the future means a forged or badly clocked provider
        if (iat.isAfter(now.plus(clockSkew))) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 10: iat is in the future");
        }
        // OIDC Core 3.1.3.7 step 10: iat may be used to reject tokens issued too far away from now
        if (iat.isBefore(now.minus(MAX_TOKEN_AGE).minus(clockSkew))) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 10: iat is too far in the past");
        }
        // RFC 7519 4.1.5: not before nbf (optional in ID tokens, but binding when present)
        Instant nbf = ClaimValues.optionalNumericDate(claims, "nbf", "RFC 7519 4.1.5");
        if (nbf != null && nbf.isAfter(now.plus(clockSkew))) {
            throw new ProviderRejectedException("RFC 7519 4.1.5: ID token is not valid yet (nbf)");
        }
    }

    private static void checkAccessTokenHash(Map<String, Object> claims, String accessToken, SigningAlgorithm algorithm)
            throws ProviderRejectedException {
        Object atHash = claims.get("at_hash");
        if (atHash == null || accessToken == null) {
            // OIDC Core 3.1.3.8: in the code flow at_hash is optional; it can only be checked with the token
            return;
        }
        // OIDC Core 3.1.3.8: at_hash must equal the left half of the access token's hash
        if (!(atHash instanceof String value) || !AccessTokenHash.matches(value, accessToken, algorithm)) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.8: at_hash does not match the access token");
        }
    }
}
