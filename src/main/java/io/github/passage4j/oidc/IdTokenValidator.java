package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Validates an ID token received from the token endpoint (OIDC Core 3.1.3.7): form and header,
 * then signature, then claims. The signature comes before any claim is looked at, so that nothing
 * an attacker wrote influences our decisions before we know the provider wrote it.
 */
final class IdTokenValidator {

    private final IdTokenHeaderRules headerRules;
    private final SignatureVerification signatures;
    private final IdTokenClaimRules claimRules;
    private final Clock clock;

    IdTokenValidator(IdTokenHeaderRules headerRules, SignatureVerification signatures, IdTokenClaimRules claimRules,
            Clock clock) {
        this.headerRules = headerRules;
        this.signatures = signatures;
        this.claimRules = claimRules;
        this.clock = clock;
    }

    ValidatedIdToken validate(ProviderMetadata metadata, String idToken, String expectedNonce, String accessToken)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(expectedNonce, "expectedNonce");
        SignedJWT token = headerRules.parse(idToken);
        SigningAlgorithm algorithm = headerRules.check(token.getHeader(), metadata.idTokenSigningAlgValuesSupported());
        signatures.verify(token, algorithm, metadata.jwksUri());
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(token.getPayload().toString());
        } catch (ParseException | RuntimeException e) {
            // OIDC Core 2: the ID token's payload is a JSON object of claims
            throw new ProviderRejectedException("OIDC Core 2: ID token payload is not a JSON object");
        }
        Instant now = clock.instant();
        claimRules.check(claims, metadata.issuer().toString(), now, expectedNonce, accessToken, algorithm);
        Instant expiresAt = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
        return new ValidatedIdToken(idToken, claims, (String) claims.get("sub"), expiresAt);
    }
}
