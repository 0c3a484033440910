package io.github.passage4j.oidc;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Collection;
import java.util.Set;

/**
 * The checks on the form and the JOSE header of a token that come before its signature: it must be
 * a JWS, must not bring its own keys, must not be typed as another kind of token, and its algorithm
 * must be one we (and, where the spec says so, the provider) accept.
 */
final class JwsHeaderRules {

    private final JwtKind kind;
    private final Set<String> allowedAlgorithms;

    JwsHeaderRules(JwtKind kind, Set<String> allowedAlgorithms) {
        this.kind = kind;
        this.allowedAlgorithms = allowedAlgorithms;
    }

    /** Parses the token as a signed JWT, refusing unsigned and encrypted ones. */
    SignedJWT parse(String token) throws ProviderRejectedException {
        String shapeProblem = UnverifiedJwt.shapeProblem(token);
        if (shapeProblem != null) {
            if (UnverifiedJwt.hasEncryptedShape(token)) {
                // OIDC Core 3.1.3.7 step 1 / RFC 9068 4 step 2 / Back-Channel Logout 2.6 step 1: encryption is
                // only used when the client registered for it, which we never do
                throw rejected(kind.encryptedStep(), "is encrypted, which was not requested");
            }
            // OIDC Core 2 / RFC 9068 2 / Back-Channel Logout 2.4: a JWS in compact form (RFC 7515 7.1); checked in
            // one pass before any decoder or parser sees text that anyone can send
            throw rejected(kind.formStep(), "is not a well-formed JWT: it " + shapeProblem);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            // OIDC Core 2 / RFC 9068 2 / Back-Channel Logout 2.4: the token is a JWT; no cause attached,
            // parser messages may quote the input
            throw rejected(kind.formStep(), "is not a well-formed JWT");
        }
        if (jwt instanceof PlainJWT) {
            // OIDC Core 3.1.3.7 step 6 / RFC 9068 4 step 5 / Back-Channel Logout 2.6 step 3: never alg none,
            // which would let anyone who can put a token in front of us choose the claims
            throw rejected(kind.unsignedStep(), "is unsigned (alg none)");
        }
        if (jwt instanceof EncryptedJWT) {
            // OIDC Core 3.1.3.7 step 1 / RFC 9068 4 step 2 / Back-Channel Logout 2.6 step 1: encryption is
            // only used when the client registered for it, which we never do
            throw rejected(kind.encryptedStep(), "is encrypted, which was not requested");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw rejected(kind.formStep(), "is not a signed JWT");
        }
        return signed;
    }

    /**
     * Checks the header and returns the accepted algorithm.
     *
     * @param providerAlgorithms the algorithms the provider announces for this kind of token, which
     *     further restrict the configured ones; null when no such list applies
     */
    SigningAlgorithm check(JWSHeader header, Collection<String> providerAlgorithms) throws ProviderRejectedException {
        // OIDC Core 3.1.3.7 step 6 / RFC 9068 4 step 5 / Back-Channel Logout 2.6 step 2: keys come from
        // the issuer's jwks_uri only; a key or key location in the header is chosen by whoever made the
        // token, so we refuse rather than silently ignore it
        rejectIfPresent(header.getJWK() != null, "jwk");
        rejectIfPresent(header.getJWKURL() != null, "jku");
        rejectIfPresent(header.getX509CertURL() != null, "x5u");
        rejectIfPresent(header.getX509CertChain() != null, "x5c");
        // RFC 7515 4.1.11: a critical extension we do not understand must make the JWS invalid
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new ProviderRejectedException("RFC 7515 4.1.11: " + kind.displayName()
                    + " header has critical parameters we do not support");
        }
        // RFC 8725 3.11 / RFC 9068 4 step 1 / Back-Channel Logout 4.1: a token explicitly typed as
        // another kind of JWT must not be accepted as this kind
        String typ = header.getType() == null ? null : header.getType().getType();
        if (!kind.acceptsType(typ)) {
            throw rejected(kind.typStep(), "has typ " + SafeText.of(typ) + ", which marks another kind of token");
        }
        String alg = header.getAlgorithm().getName();
        // OIDC Core 3.1.3.7 step 7 / RFC 9068 4 step 5 / Back-Channel Logout 2.6 step 3: alg must be one
        // the client expects
        if (!allowedAlgorithms.contains(alg) || (providerAlgorithms != null && !providerAlgorithms.contains(alg))) {
            throw rejected(kind.algorithmStep(), "alg " + SafeText.of(alg) + " is not allowed by the settings"
                    + (providerAlgorithms == null ? "" : " and the provider's id_token_signing_alg_values_supported"));
        }
        return SigningAlgorithm.forName(alg).orElseThrow(() -> rejected(kind.algorithmStep(), "alg is not supported"));
    }

    private void rejectIfPresent(boolean present, String parameter) throws ProviderRejectedException {
        if (present) {
            throw rejected(kind.signatureStep(), "header carries " + parameter
                    + "; only keys from the provider's jwks_uri are trusted");
        }
    }

    private ProviderRejectedException rejected(String step, String problem) {
        return new ProviderRejectedException(step + ": " + kind.displayName() + " " + problem);
    }
}
