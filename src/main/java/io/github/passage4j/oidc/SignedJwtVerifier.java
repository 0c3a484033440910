package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.Map;

/**
 * The checks every kind of token shares, in the order that matters: form and header, then
 * signature, and only then the payload is read as claims. Nothing an attacker wrote influences a
 * decision about claims before we know that the issuer wrote it.
 */
final class SignedJwtVerifier {

    /**
     * A token whose form, header and signature are valid.
     *
     * @param algorithm the accepted JWS algorithm
     * @param type the {@code typ} header as sent, or null when absent
     * @param claims the payload as parsed JSON (mutable Nimbus collections: copy before handing out)
     */
    record VerifiedJwt(SigningAlgorithm algorithm, String type, Map<String, Object> claims) {
    }

    private final JwtKind kind;
    private final JwsHeaderRules headerRules;
    private final SignatureVerification signatures;

    SignedJwtVerifier(JwtKind kind, JwsHeaderRules headerRules, SignatureVerification signatures) {
        this.kind = kind;
        this.headerRules = headerRules;
        this.signatures = signatures;
    }

    /**
     * @param providerAlgorithms the provider's list restricting the configured algorithms, or null
     * @param jwksUri where the issuer publishes its keys
     */
    VerifiedJwt verify(String compact, Collection<String> providerAlgorithms, URI jwksUri)
            throws ProviderUnavailableException, ProviderRejectedException {
        SignedJWT token = headerRules.parse(compact);
        SigningAlgorithm algorithm = headerRules.check(token.getHeader(), providerAlgorithms);
        signatures.verify(kind, token, algorithm, jwksUri);
        try {
            String type = token.getHeader().getType() == null ? null : token.getHeader().getType().getType();
            return new VerifiedJwt(algorithm, type, JSONObjectUtils.parse(token.getPayload().toString()));
        } catch (ParseException | RuntimeException e) {
            // RFC 7519 7.2 step 10: the payload of a JWT is a JSON object of claims
            throw new ProviderRejectedException(kind.formStep() + ": " + kind.displayName()
                    + " payload is not a JSON object");
        }
    }
}
