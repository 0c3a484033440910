package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.nio.file.Path;
import java.util.Set;

/**
 * The client's own decryption key: the provider encrypts ID tokens and userinfo responses to its public half (OIDC
 * Core 10.2), which the app publishes with {@code use: enc} beside its signing key. Read from configuration by the
 * same code as {@link ClientKey} (a JWK, PEM, or a PKCS#12 keystore entry).
 *
 * <p>One key, one key-management algorithm: RSA (2048 bits or more) with {@code RSA-OAEP-256}; EC P-256, P-384 or
 * P-521 with {@code ECDH-ES} or {@code ECDH-ES+A256KW}. The content is always encrypted with
 * {@value #CONTENT_ENCRYPTION} (the only {@code enc} accepted). {@link #toString()} shows key id and algorithm only.
 */
public final class DecryptionKey {

    /** The key-management algorithms a decryption key may be used with. */
    public static final Set<String> ALGORITHMS = Set.of("RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A256KW");
    /** The one content encryption accepted (RFC 7518 5.3, AES-GCM with a 256-bit key). */
    public static final String CONTENT_ENCRYPTION = "A256GCM";

    private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

    private final JWK privateJwk;
    private final JWEAlgorithm algorithm;
    private final JWEDecrypter decrypter;

    private DecryptionKey(JWK key, JWEAlgorithm algorithm) {
        this.algorithm = algorithm;
        try {
            // its own kid: a key id shared with the signing key would let a provider pick the wrong one by kid
            String keyId = key.getKeyID() != null ? key.getKeyID() : "enc-" + key.computeThumbprint();
            if (key instanceof RSAKey rsa) {
                this.privateJwk = new RSAKey.Builder(rsa).keyID(keyId).algorithm(algorithm).keyUse(KeyUse.ENCRYPTION)
                        .x509CertChain(null).build();
                this.decrypter = new RSADecrypter((RSAKey) privateJwk);
            } else {
                this.privateJwk = new ECKey.Builder((ECKey) key).keyID(keyId).algorithm(algorithm)
                        .keyUse(KeyUse.ENCRYPTION).x509CertChain(null).build();
                // Nimbus checks that the sender's ephemeral key lies on our curve (invalid curve attack)
                this.decrypter = new ECDHDecrypter((ECKey) privateJwk);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key cannot decrypt with " + algorithm + ": " + e.getMessage());
        }
    }

    /**
     * Reads a key given as text.
     *
     * @param text a private JWK (JSON object) or PEM text
     * @param algorithmOrNull RSA-OAEP-256, ECDH-ES or ECDH-ES+A256KW; null for RSA-OAEP-256 with an RSA key and
     *     ECDH-ES with an EC key
     * @return the key
     * @throws IllegalArgumentException if the text holds no usable private key, or the algorithm does not fit it
     */
    public static DecryptionKey parse(String text, String algorithmOrNull) {
        return of(ClientKey.privateJwk(text), algorithmOrNull);
    }

    /**
     * Reads a key entry of a PKCS#12 keystore.
     *
     * @param keyStore the keystore file
     * @param password the password of the keystore and of the entry
     * @param alias the entry
     * @param algorithmOrNull as for {@link #parse}
     * @return the key
     * @throws IllegalArgumentException if the keystore cannot be read, has no such key entry, or the algorithm
     *     does not fit it
     */
    public static DecryptionKey load(Path keyStore, char[] password, String alias, String algorithmOrNull) {
        return of(ClientKey.privateJwk(keyStore, password, alias), algorithmOrNull);
    }

    private static DecryptionKey of(JWK key, String algorithmOrNull) {
        if (algorithmOrNull != null && !ALGORITHMS.contains(algorithmOrNull)) {
            throw new IllegalArgumentException("the algorithm must be one of RSA-OAEP-256, ECDH-ES, ECDH-ES+A256KW, not "
                    + algorithmOrNull);
        }
        if (key instanceof RSAKey rsa) {
            JWEAlgorithm algorithm = JWEAlgorithm.parse(algorithmOrNull != null ? algorithmOrNull : "RSA-OAEP-256");
            if (!JWEAlgorithm.RSA_OAEP_256.equals(algorithm)) {
                throw new IllegalArgumentException("an RSA key decrypts with RSA-OAEP-256, not " + algorithm);
            }
            if (rsa.size() < 2048) {
                throw new IllegalArgumentException("an RSA key must have at least 2048 bits");
            }
            return new DecryptionKey(key, algorithm);
        }
        if (key instanceof ECKey ec && CURVES.contains(ec.getCurve())) {
            JWEAlgorithm algorithm = JWEAlgorithm.parse(algorithmOrNull != null ? algorithmOrNull : "ECDH-ES");
            if (!JWEAlgorithm.ECDH_ES.equals(algorithm) && !JWEAlgorithm.ECDH_ES_A256KW.equals(algorithm)) {
                throw new IllegalArgumentException("an EC key decrypts with ECDH-ES or ECDH-ES+A256KW, not "
                        + algorithm);
            }
            return new DecryptionKey(key, algorithm);
        }
        throw new IllegalArgumentException("the key must be an RSA key or an EC key on P-256, P-384 or P-521");
    }

    /**
     * @return the key id a provider names in the JWE header's {@code kid}
     */
    public String keyId() {
        return privateJwk.getKeyID();
    }

    /**
     * @return the JWE key-management algorithm ({@code alg}) this key is used with
     */
    public JWEAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * @return the public half, with {@code kid}, {@code alg} and {@code use: enc}, for the app's key set
     */
    public JWK publicJwk() {
        return privateJwk.toPublicJWK();
    }

    /** The decrypter of this key; Nimbus's decrypters hold no per-message state. */
    JWEDecrypter decrypter() {
        return decrypter;
    }

    /** Shows the key id and algorithm; never key material. */
    @Override
    public String toString() {
        return "DecryptionKey[kid=" + keyId() + ", alg=" + algorithm + "]";
    }
}
