package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;

import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The key pair one signed-in session proves possession of with DPoP (RFC 9449): made per sign-in, kept with the
 * session (as {@link #serialize()}), and used to sign the proofs sent with every token request and every use of
 * the access token. Immutable and thread-safe; {@link #toString()} shows the thumbprint only.
 *
 * <p>The key is EC P-256 signing ES256, or, when the provider's {@code dpop_signing_alg_values_supported} lacks
 * ES256 but has PS256, RSA 2048 signing PS256.
 */
public final class DpopKey {

    /** A JWT ID of 32 random bytes: RFC 9449 4.2 asks for enough entropy that a jti is unique. */
    private static final int JTI_BYTES = 32;

    private final JWK privateKey;
    private final JWSAlgorithm algorithm;
    private final DefaultDPoPProofFactory proofs;
    private final String thumbprint;

    private DpopKey(JWK privateKey, JWSAlgorithm algorithm) {
        this.privateKey = privateKey;
        this.algorithm = algorithm;
        try {
            this.proofs = new DefaultDPoPProofFactory(privateKey, algorithm);
            this.thumbprint = privateKey.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the DPoP key cannot sign " + algorithm, e);
        }
    }

    /**
     * A fresh key for a provider that announces {@code supportedAlgorithms}.
     *
     * @param supportedAlgorithms the provider's {@code dpop_signing_alg_values_supported}; empty when it announces
     *     none, which means ES256 (the algorithm every DPoP server should support)
     * @return a new key
     * @throws ProviderRejectedException if the provider announces algorithms, but neither ES256 nor PS256
     */
    public static DpopKey generate(List<String> supportedAlgorithms) throws ProviderRejectedException {
        Objects.requireNonNull(supportedAlgorithms, "supportedAlgorithms");
        try {
            if (supportedAlgorithms.isEmpty() || supportedAlgorithms.contains("ES256")) {
                return new DpopKey(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
            }
            if (supportedAlgorithms.contains("PS256")) {
                return new DpopKey(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.PS256);
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("the platform cannot generate a key pair", e);
        }
        // RFC 9449 5.1: the proof must use an algorithm the server announces; we sign with ES256 or PS256 only
        throw new ProviderRejectedException("RFC 9449 5.1: dpop_signing_alg_values_supported has neither ES256 nor "
                + "PS256");
    }

    /**
     * Reads a key written by {@link #serialize()}.
     *
     * @param serialized the private JWK with its {@code alg}
     * @return the key
     * @throws IllegalArgumentException if it is no private EC P-256 key for ES256 or RSA key for PS256
     */
    public static DpopKey parse(String serialized) {
        Objects.requireNonNull(serialized, "serialized");
        JWK jwk;
        try {
            jwk = JWK.parse(serialized);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK");
        }
        if (!jwk.isPrivate() || jwk.getAlgorithm() == null) {
            throw new IllegalArgumentException("not a private JWK with an alg");
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        boolean ecKey = JWSAlgorithm.ES256.equals(algorithm) && jwk instanceof ECKey ec
                && Curve.P_256.equals(ec.getCurve());
        boolean rsaKey = JWSAlgorithm.PS256.equals(algorithm) && jwk instanceof RSAKey;
        if (!ecKey && !rsaKey) {
            throw new IllegalArgumentException("not an ES256 P-256 or PS256 RSA key");
        }
        return new DpopKey(jwk, algorithm);
    }

    /**
     * The key as a private JWK with its {@code alg}, for the session to keep. It is a secret: whoever holds it can
     * use the session's tokens.
     *
     * @return the JWK JSON
     */
    public String serialize() {
        JWK withAlgorithm = privateKey instanceof ECKey ec
                ? new ECKey.Builder(ec).algorithm(algorithm).build()
                : new RSAKey.Builder((RSAKey) privateKey).algorithm(algorithm).build();
        return withAlgorithm.toJSONString();
    }

    /**
     * @return the JWS algorithm of the proofs, {@code ES256} or {@code PS256}
     */
    public String algorithm() {
        return algorithm.getName();
    }

    /**
     * The JWK SHA-256 thumbprint of the public key (RFC 7638), base64url: the {@code dpop_jkt} of the authorization
     * request (RFC 9449 10) and the {@code cnf.jkt} of the tokens bound to this key (RFC 9449 6.1).
     *
     * @return the thumbprint
     */
    public String thumbprint() {
        return thumbprint;
    }

    /**
     * A DPoP proof (RFC 9449 4.2): typed {@code dpop+jwt}, with the public key in its {@code jwk} header, a random
     * {@code jti}, {@code htm}, {@code htu} (without query and fragment, RFC 9449 4.2), {@code iat}, and when given
     * the access token's hash {@code ath} and the server's {@code nonce}.
     *
     * @param method the HTTP method of the request, e.g. {@code POST}
     * @param url the URL of the request; its query and fragment are left out of {@code htu}
     * @param accessTokenOrNull the access token the request presents, or null (at the token endpoint)
     * @param nonceOrNull the latest {@code DPoP-Nonce} of the server, or null
     * @param now the {@code iat}
     * @return the compact JWS, the value of the {@code DPoP} header
     */
    public String proof(String method, URI url, String accessTokenOrNull, String nonceOrNull, Instant now) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(now, "now");
        try {
            return proofs.createDPoPJWT(new JWTID(JTI_BYTES), method, htu(url), Date.from(now),
                    accessTokenOrNull == null ? null : new DPoPAccessToken(accessTokenOrNull),
                    nonceOrNull == null ? null : new Nonce(nonceOrNull)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a DPoP proof failed", e);
        }
    }

    /**
     * RFC 9449 4.2: htu is the target URI without query and fragment parts; normalised as RFC 9449 4.3 step 9
     * compares it (RFC 3986 6.2.2 and 6.2.3: scheme and host in lower case, no default port, an empty path as
     * {@code /}), so that a proof and the request it is checked against are written alike.
     */
    static URI htu(URI url) {
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + UriRules.forLog(url));
        }
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        // the raw path is already encoded: joined as it is, nothing is encoded twice
        return URI.create(scheme + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT)
                + (defaultPort ? "" : ":" + port) + path);
    }

    /** Shows the algorithm and thumbprint, never the private key. */
    @Override
    public String toString() {
        return "DpopKey[alg=" + algorithm + ", jkt=" + thumbprint + "]";
    }
}
