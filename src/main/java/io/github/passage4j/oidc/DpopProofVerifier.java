package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the DPoP proof of a request to a protected resource (RFC 9449 4.3 and 7.1), in the order that makes a
 * forged proof cheap to refuse: count and size of the header, the JWS and its header, the claims against the
 * request and the access token, and only then the signature. Remembering the {@code jti} (RFC 9449 11.1) is left
 * to the caller, after the access token itself has been validated, so that only a holder of a valid token can
 * fill the replay guard.
 *
 * <p>Thread-safe and immutable.
 */
final class DpopProofVerifier {

    /** A proof is a few hundred bytes; an RSA 4096 key in the header makes it about 1.5 KB. */
    static final int MAX_PROOF_LENGTH = 8_192;
    /** RFC 9449 4.2: jti is a unique identifier; a bound keeps the replay guard's keys and digests cheap. */
    private static final int MAX_JTI_LENGTH = 256;
    /** RFC 9449 4.3 step 5: registered asymmetric algorithms accepted here; never none, never a MAC. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.RS256);
    /** RFC 9449 4.2: the proof's media type. */
    private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");

    /** A proof that passed every check: its key's thumbprint and the values the replay guard needs. */
    record CheckedProof(String thumbprint, String jti, Instant issuedAt) {
    }

    /**
     * A proof that passed every check but its signature's: what the header's key would prove, once verified. Its
     * thumbprint can be matched against the token's {@code cnf.jkt} before the signature is verified, so that a proof
     * by a key no valid token is bound to costs no signature verification.
     */
    static final class ExaminedProof {
        private final SignedJWT jwt;
        private final JWSAlgorithm algorithm;
        private final JWK key;
        private final CheckedProof once;

        private ExaminedProof(SignedJWT jwt, JWSAlgorithm algorithm, JWK key, CheckedProof once) {
            this.jwt = jwt;
            this.algorithm = algorithm;
            this.key = key;
            this.once = once;
        }

        /** @return the thumbprint of the header's key, not yet proven by the signature */
        String claimedThumbprint() {
            return once.thumbprint();
        }
    }

    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxFuture;

    /**
     * @param clock the source of the current time for the {@code iat} window
     * @param maxAge how old a proof may be (RFC 9449 11.1)
     * @param maxFuture how far in the future a proof's {@code iat} may be, for clocks that run ahead
     */
    DpopProofVerifier(Clock clock, Duration maxAge, Duration maxFuture) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.maxFuture = Objects.requireNonNull(maxFuture, "maxFuture");
    }

    /** How long a proof's jti must be remembered: until the iat window has passed it. */
    Instant forgetAfter(CheckedProof proof) {
        return proof.issuedAt().plus(maxAge).plus(maxFuture);
    }

    /**
     * Checks a proof presented with an access token.
     *
     * @param dpopHeaders every value of the request's {@code DPoP} header
     * @param method the request's method
     * @param requestUrl the request's URL (its query and fragment are ignored)
     * @param accessToken the access token of the {@code Authorization: DPoP} header
     * @return the checked proof
     * @throws InvalidDpopProofException naming the failed step
     */
    CheckedProof check(List<String> dpopHeaders, String method, URI requestUrl, String accessToken)
            throws InvalidDpopProofException {
        return verify(examine(dpopHeaders, method, requestUrl, accessToken));
    }

    /**
     * RFC 9449 4.3 step 6, the only costly step: the signature by the header's key.
     *
     * @param examined a proof that passed {@link #examine}
     * @return the checked proof
     * @throws InvalidDpopProofException when the signature does not verify
     */
    CheckedProof verify(ExaminedProof examined) throws InvalidDpopProofException {
        verifySignature(examined.jwt, examined.algorithm, examined.key);
        return examined.once;
    }

    /**
     * Every check of RFC 9449 4.3 but the signature's, each costing microseconds; {@link #verify} does the rest.
     *
     * @param dpopHeaders every value of the request's {@code DPoP} header
     * @param method the request's method
     * @param requestUrl the request's URL (its query and fragment are ignored)
     * @param accessToken the access token of the {@code Authorization: DPoP} header
     * @return the proof, its signature not yet verified
     * @throws InvalidDpopProofException naming the failed step
     */
    ExaminedProof examine(List<String> dpopHeaders, String method, URI requestUrl, String accessToken)
            throws InvalidDpopProofException {
        // RFC 9449 4.3 step 1: not more than one DPoP header field (and 7.1: one is required with a DPoP token)
        if (dpopHeaders == null || dpopHeaders.size() != 1) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 1: the request must carry exactly one DPoP header");
        }
        String proof = dpopHeaders.get(0);
        // RFC 9449 4.3 step 2: a single well-formed JWT; the size bound comes first, so nothing big is parsed
        if (proof == null || proof.isEmpty() || proof.length() > MAX_PROOF_LENGTH) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 2: the DPoP proof is empty or oversized");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(proof);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 2: the DPoP proof is no well-formed signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        // RFC 9449 4.3 step 4: typ dpop+jwt, so no other kind of JWT passes for a proof
        if (!DPOP_JWT.equals(header.getType())) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 4: the DPoP proof's typ is not dpop+jwt");
        }
        // RFC 9449 4.3 step 5: an asymmetric algorithm we accept
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 5: the DPoP proof's alg is not an accepted "
                    + "asymmetric algorithm");
        }
        JWK key = header.getJWK();
        // RFC 9449 4.2: the jwk header is required; 4.3 step 7: it must not contain a private key
        if (key == null) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 3: the DPoP proof has no jwk header");
        }
        if (key.isPrivate()) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 7: the DPoP proof's jwk contains a private key");
        }
        requireKeyFits(header.getAlgorithm(), key);
        Instant issuedAt = requiredClaims(claims);
        // RFC 9449 4.3 step 8: htm is the request's method (RFC 9110 9.1: methods are case-sensitive)
        if (!method.equals(claims.getClaim("htm"))) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 8: htm does not match the request method");
        }
        // RFC 9449 4.3 step 9: htu is the request URI without query and fragment (compared normalised, 4.3)
        if (!sameHtu((String) claims.getClaim("htu"), requestUrl)) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 9: htu does not match the request URL");
        }
        // RFC 9449 4.3 step 11 and 11.1: created within the acceptable window
        Instant now = clock.instant();
        if (issuedAt.isBefore(now.minus(maxAge)) || issuedAt.isAfter(now.plus(maxFuture))) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 11: the DPoP proof's iat is outside the accepted "
                    + "window");
        }
        // RFC 9449 4.3 step 12 and 7.1: ath is the hash of the access token presented with it
        if (!(claims.getClaim("ath") instanceof String ath) || !MessageDigest.isEqual(
                ath.getBytes(StandardCharsets.US_ASCII), accessTokenHash(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 12: ath is missing or not the hash of the access "
                    + "token");
        }
        // RFC 9449 4.3 step 6 (the signature) is left to verify(): the caller matches the key to the token first
        try {
            return new ExaminedProof(jwt, header.getAlgorithm(), key,
                    new CheckedProof(key.computeThumbprint().toString(), claims.getJWTID(), issuedAt));
        } catch (JOSEException e) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 12: the DPoP proof's jwk has no thumbprint", e);
        }
    }

    /** RFC 9449 4.3 step 3 with 4.2: jti, htm, htu and iat are present and of the right type. */
    private static Instant requiredClaims(JWTClaimsSet claims) throws InvalidDpopProofException {
        Map<String, Object> values = claims.getClaims();
        if (!(values.get("jti") instanceof String jti) || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH
                || !(values.get("htm") instanceof String) || !(values.get("htu") instanceof String)) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 3: the DPoP proof lacks jti, htm or htu");
        }
        Date issuedAt;
        try {
            issuedAt = claims.getDateClaim("iat");
        } catch (ParseException e) {
            issuedAt = null;
        }
        if (issuedAt == null) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 3: the DPoP proof lacks iat");
        }
        return issuedAt.toInstant();
    }

    private static boolean sameHtu(String htu, URI requestUrl) {
        try {
            return DpopKey.htu(new URI(htu)).equals(DpopKey.htu(requestUrl));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 9449 4.2: ath is the base64url SHA-256 of the ASCII access token. */
    static String accessTokenHash(String accessToken) {
        return SignInSecrets.sha256Base64Url(accessToken);
    }

    /** RFC 9449 4.3 step 5: the key can make the algorithm's signatures (checked before anything is verified). */
    private static void requireKeyFits(JWSAlgorithm algorithm, JWK key) throws InvalidDpopProofException {
        boolean fits = JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECKey ec
                && curveOf(algorithm).equals(ec.getCurve())
                // RFC 8725 3.5 asks for 2048 bits at least; above 4096 a forged proof would only cost us time
                || JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa
                && rsa.size() >= 2048 && rsa.size() <= 4096;
        if (!fits) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 5: the DPoP proof's jwk does not fit its alg "
                    + "(EC on the alg's curve, RSA of 2048 to 4096 bits)");
        }
    }

    private static void verifySignature(SignedJWT jwt, JWSAlgorithm algorithm, JWK key)
            throws InvalidDpopProofException {
        requireKeyFits(algorithm, key);
        try {
            boolean valid = JWSAlgorithm.Family.EC.contains(algorithm)
                    ? jwt.verify(new ECDSAVerifier((ECKey) key))
                    : jwt.verify(new RSASSAVerifier((RSAKey) key));
            if (!valid) {
                throw new InvalidDpopProofException("RFC 9449 4.3 step 6: the DPoP proof's signature does not verify "
                        + "with its jwk");
            }
        } catch (JOSEException e) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 6: the DPoP proof's signature cannot be verified",
                    e);
        }
    }

    private static Curve curveOf(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.ES384.equals(algorithm)) {
            return Curve.P_384;
        }
        return JWSAlgorithm.ES512.equals(algorithm) ? Curve.P_521 : Curve.P_256;
    }
}
