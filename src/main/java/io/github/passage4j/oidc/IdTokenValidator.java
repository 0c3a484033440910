package io.github.passage4j.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Validates an ID token received from the token endpoint: after the sign-in (OIDC Core 3.1.3.7)
 * or after a refresh (OIDC Core 12.2). Form, header and signature come first
 * ({@link SignedJwtVerifier}), then the claims.
 */
final class IdTokenValidator {

    private final SignedJwtVerifier verifier;
    private final IdTokenClaimRules claimRules;
    private final Clock clock;
    private final TokenDecryption decryption;

    IdTokenValidator(SignedJwtVerifier verifier, IdTokenClaimRules claimRules, Clock clock) {
        this(verifier, claimRules, clock, new TokenDecryption(TokenProtection.NONE));
    }

    /**
     * @param decryption opens encrypted ID tokens, and refuses plain ones when encryption is required
     */
    IdTokenValidator(SignedJwtVerifier verifier, IdTokenClaimRules claimRules, Clock clock,
            TokenDecryption decryption) {
        this.verifier = verifier;
        this.claimRules = claimRules;
        this.clock = clock;
        this.decryption = decryption;
    }

    ValidatedIdToken validate(ProviderMetadata metadata, String idToken, String expectedNonce, String accessToken)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(expectedNonce, "expectedNonce");
        // OIDC Core 3.1.3.7 step 1: decrypt first; what is kept (and sent as id_token_hint, RP-Initiated Logout 2)
        // is the signed ID token inside
        String signed = decryption.idToken(idToken);
        SignedJwtVerifier.VerifiedJwt verified = verifier.verify(signed, metadata.idTokenAlgorithms(), metadata.jwksUri());
        Map<String, Object> claims = verified.claims();
        claimRules.check(claims, metadata.issuer().toString(), clock.instant(), accessToken, verified.algorithm());
        claimRules.checkNonce(claims, expectedNonce);
        return validated(signed, claims);
    }

    ValidatedIdToken validateRefreshed(ProviderMetadata metadata, String idToken, ValidatedIdToken original,
            String accessToken) throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(original, "original");
        // OIDC Core 12.2 via 3.1.3.7 step 1: a refreshed ID token is decrypted (and must be encrypted) as the first
        String signed = decryption.idToken(idToken);
        SignedJwtVerifier.VerifiedJwt verified = verifier.verify(signed, metadata.idTokenAlgorithms(), metadata.jwksUri());
        Map<String, Object> claims = verified.claims();
        // OIDC Core 12.2: the new ID token is validated as in 3.1.3.7, except for the nonce ...
        claimRules.check(claims, metadata.issuer().toString(), clock.instant(), accessToken, verified.algorithm());
        // ... and must belong to the same authentication as the original one
        RefreshedIdTokenRules.check(claims, original.claims());
        return validated(signed, claims);
    }

    private static ValidatedIdToken validated(String idToken, Map<String, Object> claims) {
        Instant expiresAt = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
        return new ValidatedIdToken(idToken, claims, (String) claims.get("sub"), expiresAt);
    }
}
