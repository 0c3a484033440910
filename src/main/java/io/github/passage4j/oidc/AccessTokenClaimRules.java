package io.github.passage4j.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of RFC 9068 section 4 (steps 3, 4 and 6) and of RFC 7519 4.1 on the claims of a JWT
 * access token whose signature is already valid.
 */
final class AccessTokenClaimRules {

    private final Set<String> acceptedAudiences;
    private final Duration clockSkew;

    AccessTokenClaimRules(Set<String> acceptedAudiences, Duration clockSkew) {
        this.acceptedAudiences = acceptedAudiences;
        this.clockSkew = clockSkew;
    }

    /**
     * @param claims the token's claims as parsed JSON
     * @param issuer the expected issuer, exactly
     * @param now the current time
     * @return the validated token
     */
    ValidatedAccessToken check(Map<String, Object> claims, String issuer, Instant now) throws ProviderRejectedException {
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
}
