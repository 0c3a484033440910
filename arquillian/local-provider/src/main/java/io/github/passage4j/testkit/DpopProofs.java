package io.github.passage4j.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * A DPoP key (EC P-256, ES256) of a test client, making proofs (RFC 9449 4.2) for requests to an app's protected
 * resources: valid ones, and ones broken in exactly one way ({@link Flaw}), which a resource server must refuse
 * with {@code 401} and {@code WWW-Authenticate: DPoP error="invalid_dpop_proof"}. A replay is a valid proof sent
 * twice; a token bound to another key comes from
 * {@link io.github.passage4j.provider.LocalPassageProvider#dpopAccessToken(String, String, String)} with another
 * instance's {@link #thumbprint()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DpopProofs {

    /** What is wrong with a proof. */
    public enum Flaw {
        /** Nothing: a valid proof. */
        NONE,
        /** RFC 9449 4.3 step 9: {@code htu} names another URL than the request's. */
        WRONG_HTU,
        /** RFC 9449 4.3 step 8: {@code htm} names another method than the request's. */
        WRONG_HTM,
        /** RFC 9449 4.3 step 12: no {@code ath} although an access token is presented. */
        NO_ATH,
        /** RFC 9449 4.3 step 12: {@code ath} is the hash of another token. */
        WRONG_ATH,
        /** RFC 9449 4.3 step 11: issued ten minutes ago. */
        STALE_IAT,
        /** RFC 9449 4.3 step 4: typed {@code JWT}, not {@code dpop+jwt}. */
        WRONG_TYP,
        /** RFC 9449 4.3 step 6: the header's {@code jwk} is not the key that signed. */
        SIGNED_BY_OTHER_KEY
    }

    private final ECKey key;

    private DpopProofs(ECKey key) {
        this.key = key;
    }

    /** @return a client with a fresh key */
    public static DpopProofs generate() {
        return new DpopProofs(newKey());
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** @return the JWK SHA-256 thumbprint of the public key (RFC 7638), the {@code cnf.jkt} of tokens bound to it */
    public String thumbprint() {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A valid proof.
     *
     * @param method      the request's HTTP method
     * @param url         the request's URL (query and fragment are left out of {@code htu})
     * @param accessToken the access token sent with it, hashed into {@code ath}; null for none
     * @return the value of the {@code DPoP} header
     */
    public String proof(String method, URI url, String accessToken) {
        return proof(method, url, accessToken, Flaw.NONE);
    }

    /**
     * A proof broken by {@code flaw}.
     *
     * @param method      the request's HTTP method
     * @param url         the request's URL
     * @param accessToken the access token sent with it; null for none
     * @param flaw        what to break
     * @return the value of the {@code DPoP} header
     */
    public String proof(String method, URI url, String accessToken, Flaw flaw) {
        return proof(method, url, accessToken, null, flaw);
    }

    /**
     * A proof with the server's {@code nonce} (RFC 9449 8, 9), broken by {@code flaw}.
     *
     * @param method      the request's HTTP method
     * @param url         the request's URL
     * @param accessToken the access token sent with it; null for none
     * @param nonce       the server's {@code DPoP-Nonce}; null for none
     * @param flaw        what to break
     * @return the value of the {@code DPoP} header
     */
    public String proof(String method, URI url, String accessToken, String nonce, Flaw flaw) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(flaw, "flaw");
        URI htu = URI.create(url.getScheme() + "://" + url.getRawAuthority()
                + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()));
        Instant issued = flaw == Flaw.STALE_IAT ? Instant.now().minus(Duration.ofMinutes(10)) : Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", flaw == Flaw.WRONG_HTM ? ("GET".equals(method) ? "POST" : "GET") : method)
                .claim("htu", flaw == Flaw.WRONG_HTU ? htu.resolve("/elsewhere").toString() : htu.toString())
                .issueTime(Date.from(issued));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (accessToken != null && flaw != Flaw.NO_ATH) {
            claims.claim("ath", hash(flaw == Flaw.WRONG_ATH ? accessToken + "-other" : accessToken));
        }
        ECKey named = flaw == Flaw.SIGNED_BY_OTHER_KEY ? newKey() : key;
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(flaw == Flaw.WRONG_TYP ? JOSEObjectType.JWT : new JOSEObjectType("dpop+jwt"))
                .jwk(named.toPublicJWK())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a DPoP proof", e);
        }
    }

    /** RFC 9449 4.2: base64url of the SHA-256 of the ASCII token. */
    private static String hash(String accessToken) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Shows the thumbprint only. */
    @Override
    public String toString() {
        return "DpopProofs[jkt=" + thumbprint() + "]";
    }
}
