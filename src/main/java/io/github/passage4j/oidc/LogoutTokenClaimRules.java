package io.github.passage4j.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The checks of OpenID Connect Back-Channel Logout 1.0 section 2.6 (steps 4 to 7) and the claim
 * requirements of section 2.4, on a logout token whose signature is already valid.
 */
final class LogoutTokenClaimRules {

    /** Back-Channel Logout 2.4: the member of {@code events} that declares the JWT a logout token. */
    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final String clientId;
    private final Duration clockSkew;

    LogoutTokenClaimRules(String clientId, Duration clockSkew) {
        this.clientId = clientId;
        this.clockSkew = clockSkew;
    }

    /**
     * @param claims the token's claims as parsed JSON
     * @param issuer the issuer exactly as the discovery document spells it
     * @param now the current time
     * @return the token's claims as a record
     */
    LogoutToken check(Map<String, Object> claims, String issuer, Instant now) throws ProviderRejectedException {
        // Back-Channel Logout 2.6 step 4: iss as for ID tokens, exactly the issuer from discovery
        if (!issuer.equals(claims.get("iss"))) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 4: iss does not match the provider's issuer");
        }
        // Back-Channel Logout 2.6 step 4: aud as for ID tokens, containing our client id
        if (!ClaimValues.audiences(claims, "Back-Channel Logout 2.6 step 4").contains(clientId)) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 4: aud does not contain the client id");
        }
        Instant issuedAt = checkIssuedAt(claims, now);
        Instant expiresAt = checkExpiry(claims, now);
        // Back-Channel Logout 2.4: jti is REQUIRED, the token's unique identifier (for step 8)
        String jwtId = ClaimValues.requiredString(claims, "jti", "Back-Channel Logout 2.4");
        // Back-Channel Logout 2.6 step 5: sub, sid or both must name what to log out
        String subject = ClaimValues.optionalString(claims, "sub", "Back-Channel Logout 2.6 step 5");
        String sessionId = ClaimValues.optionalString(claims, "sid", "Back-Channel Logout 2.6 step 5");
        if (subject == null && sessionId == null) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 5: logout token has neither sub nor sid");
        }
        checkEvents(claims);
        // Back-Channel Logout 2.6 step 7: a nonce would let the token pass for an ID token, so it is forbidden
        if (claims.containsKey("nonce")) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 7: logout token contains a nonce");
        }
        return new LogoutToken(issuer, subject, sessionId, jwtId, issuedAt, expiresAt);
    }

    /** When a replay of the token can no longer succeed anyway: at expiry or when it becomes too old. */
    Instant replayWindowEnd(LogoutToken token) {
        Instant tooOld = token.issuedAt().plus(IdTokenClaimRules.MAX_TOKEN_AGE);
        return (token.expiresAt().isBefore(tooOld) ? token.expiresAt() : tooOld).plus(clockSkew);
    }

    private Instant checkIssuedAt(Map<String, Object> claims, Instant now) throws ProviderRejectedException {
        Instant iat = ClaimValues.numericDate(claims, "iat", "Back-Channel Logout 2.6 step 4");
        // Back-Channel Logout 2.6 step 4: iat as for ID tokens (OIDC Core 3.1.3.7 step 10): not in the future ...
        if (iat.isAfter(now.plus(clockSkew))) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 4: iat is in the future");
        }
        // ... and not so old that the token must have been kept and replayed
        if (iat.isBefore(now.minus(IdTokenClaimRules.MAX_TOKEN_AGE).minus(clockSkew))) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 4: iat is too far in the past");
        }
        return iat;
    }

    private Instant checkExpiry(Map<String, Object> claims, Instant now) throws ProviderRejectedException {
        // Back-Channel Logout 2.4: exp is REQUIRED (since 1.0 final); 2.6 step 4: validated as for ID tokens
        Instant exp = ClaimValues.numericDate(claims, "exp", "Back-Channel Logout 2.6 step 4");
        if (!now.isBefore(exp.plus(clockSkew))) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 4: logout token has expired (exp)");
        }
        return exp;
    }

    private static void checkEvents(Map<String, Object> claims) throws ProviderRejectedException {
        // Back-Channel Logout 2.6 step 6: events is a JSON object with the back-channel logout member,
        // whose value is a JSON object (2.4); this is what declares the JWT a logout token
        if (!(claims.get("events") instanceof Map<?, ?> events)
                || !(events.get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map<?, ?>)) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 6: events is missing or has no "
                    + BACKCHANNEL_LOGOUT_EVENT + " object");
        }
    }
}
