package io.github.passage4j.oidc;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * The checks on the form and the JOSE header of an ID token that come before its signature:
 * it must be a JWS, must not bring its own keys, and its algorithm must be one both we and the
 * provider accept.
 */
final class IdTokenHeaderRules {

    private static final List<String> PROVIDER_DEFAULT_ALGORITHMS = List.of("RS256");

    private final Set<String> allowedAlgorithms;

    IdTokenHeaderRules(Set<String> allowedAlgorithms) {
        this.allowedAlgorithms = allowedAlgorithms;
    }

    /** Parses the token as a signed JWT, refusing unsigned and encrypted ones. */
    SignedJWT parse(String idToken) throws ProviderRejectedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException | RuntimeException e) {
            // OIDC Core 2: the ID token is a JWT; no cause attached, parser messages may quote the input
            throw new ProviderRejectedException("OIDC Core 2: ID token is not a well-formed JWT");
        }
        if (jwt instanceof PlainJWT) {
            // OIDC Core 3.1.3.7 step 6: an ID token from the token endpoint must still be signed here,
            // since alg none would let anyone who can inject a response choose the claims
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 6: ID token is unsigned (alg none)");
        }
        if (jwt instanceof EncryptedJWT) {
            // OIDC Core 3.1.3.7 step 1: encryption is only used when the client registered for it, which we never do
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 1: ID token is encrypted, which was not requested");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new ProviderRejectedException("OIDC Core 2: ID token is not a signed JWT");
        }
        return signed;
    }

    /**
     * Checks the header and returns the accepted algorithm.
     *
     * @param providerAlgorithms the provider's {@code id_token_signing_alg_values_supported}, empty if absent
     */
    SigningAlgorithm check(JWSHeader header, List<String> providerAlgorithms) throws ProviderRejectedException {
        // OIDC Core 3.1.3.7 step 6: keys come from the issuer's jwks_uri only; a key or key location
        // in the header is chosen by whoever made the token, so we refuse rather than silently ignore it
        rejectIfPresent(header.getJWK() != null, "jwk");
        rejectIfPresent(header.getJWKURL() != null, "jku");
        rejectIfPresent(header.getX509CertURL() != null, "x5u");
        rejectIfPresent(header.getX509CertChain() != null, "x5c");
        // RFC 7515 4.1.11: a critical extension we do not understand must make the JWS invalid
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new ProviderRejectedException("RFC 7515 4.1.11: ID token header has critical parameters we do not support");
        }
        String alg = header.getAlgorithm().getName();
        // OIDC Core 3.1.3.7 step 7: alg must be one the client expects; without the provider's list
        // the default for ID tokens (RS256, OIDC Discovery 3 / Registration 2) is the only one
        List<String> providerList = providerAlgorithms.isEmpty() ? PROVIDER_DEFAULT_ALGORITHMS : providerAlgorithms;
        if (!allowedAlgorithms.contains(alg) || !providerList.contains(alg)) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 7: ID token alg " + SafeText.of(alg)
                    + " is not allowed by the settings and the provider's id_token_signing_alg_values_supported");
        }
        return SigningAlgorithm.forName(alg).orElseThrow(() ->
                new ProviderRejectedException("OIDC Core 3.1.3.7 step 7: ID token alg is not supported"));
    }

    private static void rejectIfPresent(boolean present, String parameter) throws ProviderRejectedException {
        if (present) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 6: ID token header carries " + parameter
                    + "; only keys from the provider's jwks_uri are trusted");
        }
    }
}
