package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's own signing key: it signs {@code private_key_jwt} client assertions (RFC 7523 2.2) and request
 * objects (RFC 9101), and its public half is what the app publishes for the provider to register by URL.
 *
 * <p>Loaded once from configuration: a JWK (JSON), a PEM text ({@code PRIVATE KEY} in PKCS#8, with a
 * {@code PUBLIC KEY} or {@code CERTIFICATE} block for an EC key, whose public half the JDK cannot derive), or a
 * PKCS#12 keystore entry. RSA keys sign with RS256 or PS256, P-256 keys with ES256. {@link #toString()} shows the
 * key id and algorithm only.
 */
public final class ClientKey {

    /** What a client key may sign with: what FAPI 2.0 allows (PS256, ES256) and RS256 for OpenID Connect. */
    public static final Set<String> ALGORITHMS = Set.of("RS256", "PS256", "ES256");

    private final JWK privateJwk;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;

    private ClientKey(JWK key, JWSAlgorithm algorithm) {
        this.algorithm = algorithm;
        try {
            String keyId = key.getKeyID() != null ? key.getKeyID() : key.computeThumbprint().toString();
            this.privateJwk = rebuild(key, keyId, algorithm);
            this.signer = new DefaultJWSSignerFactory().createJWSSigner(privateJwk, algorithm);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key cannot sign with " + algorithm + ": " + e.getMessage());
        }
    }

    /**
     * Reads a key given as text.
     *
     * @param text a private JWK (JSON object) or PEM text
     * @param algorithmOrNull RS256, PS256 or ES256; null for RS256 with an RSA key and ES256 with a P-256 key
     * @return the key
     * @throws IllegalArgumentException if the text holds no usable private key, or the algorithm does not fit it
     */
    public static ClientKey parse(String text, String algorithmOrNull) {
        return of(privateJwk(text), algorithmOrNull);
    }

    /**
     * The private key in a configuration text: a JWK (JSON object) or PEM. Shared with {@link DecryptionKey}, so
     * both keys are read by one implementation.
     *
     * @throws IllegalArgumentException if the text holds no readable key
     */
    static JWK privateJwk(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        JWK key;
        if (trimmed.startsWith("{")) {
            try {
                key = JWK.parse(trimmed);
            } catch (ParseException e) {
                throw new IllegalArgumentException("the key is not a valid JWK");
            }
        } else if (trimmed.startsWith("-----BEGIN")) {
            key = fromPem(trimmed);
        } else {
            throw new IllegalArgumentException("the key is neither a JWK (JSON) nor PEM text");
        }
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the key has no private part");
        }
        return key;
    }

    /**
     * Reads a key entry of a PKCS#12 keystore.
     *
     * @param keyStore the keystore file
     * @param password the password of the keystore and of the entry
     * @param aliasOrNull the entry; null for the keystore's only key entry
     * @param algorithmOrNull RS256, PS256 or ES256; null for the key type's default
     * @return the key
     * @throws IllegalArgumentException if the keystore cannot be read or has no such key entry
     */
    public static ClientKey load(Path keyStore, char[] password, String aliasOrNull, String algorithmOrNull) {
        return of(privateJwk(keyStore, password, aliasOrNull), algorithmOrNull);
    }

    /**
     * The private key of a PKCS#12 keystore entry, with its certificate's public key. Shared with
     * {@link DecryptionKey}.
     *
     * @throws IllegalArgumentException if the keystore cannot be read or has no such key entry
     */
    static JWK privateJwk(Path keyStore, char[] password, String aliasOrNull) {
        KeyStore store = keyStore(keyStore, password);
        String alias = aliasOrNull != null ? aliasOrNull : onlyKeyAlias(store);
        try {
            // by hand: Nimbus's JWK.load needs Bouncy Castle to read the certificate
            if (!store.isKeyEntry(alias) || !(store.getKey(alias, password) instanceof PrivateKey privateKey)) {
                throw new IllegalArgumentException("the keystore has no key entry '" + alias + "'");
            }
            PublicKey publicKey = store.getCertificate(alias).getPublicKey();
            if (publicKey instanceof RSAPublicKey rsa) {
                return new RSAKey.Builder(rsa).privateKey(privateKey).build();
            } else if (publicKey instanceof ECPublicKey ec) {
                return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).privateKey(privateKey).build();
            }
            throw new IllegalArgumentException("the keystore entry '" + alias + "' is neither RSA nor EC");
        } catch (GeneralSecurityException | NullPointerException e) {
            throw new IllegalArgumentException("the keystore entry '" + alias + "' cannot be read: " + e.getMessage());
        }
    }

    /**
     * Opens a PKCS#12 keystore.
     *
     * @param keyStore the file
     * @param password its password
     * @return the loaded keystore
     * @throws IllegalArgumentException naming the file if it cannot be read
     */
    public static KeyStore keyStore(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // the JDK's message names neither the password nor key material
            throw new IllegalArgumentException("the keystore " + keyStore + " cannot be read: " + e.getMessage());
        }
    }

    private static String onlyKeyAlias(KeyStore store) {
        try {
            String found = null;
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    if (found != null) {
                        throw new IllegalArgumentException("the keystore has several key entries: name one");
                    }
                    found = alias;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("the keystore has no key entry");
            }
            return found;
        } catch (java.security.KeyStoreException e) {
            throw new IllegalArgumentException("the keystore cannot be read: " + e.getMessage());
        }
    }

    private static ClientKey of(JWK key, String algorithmOrNull) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the key has no private part");
        }
        JWSAlgorithm algorithm;
        if (key instanceof RSAKey) {
            algorithm = JWSAlgorithm.parse(algorithmOrNull != null ? algorithmOrNull : "RS256");
            if (!algorithm.equals(JWSAlgorithm.RS256) && !algorithm.equals(JWSAlgorithm.PS256)) {
                throw new IllegalArgumentException("an RSA key signs with RS256 or PS256, not " + algorithm);
            }
            if (((RSAKey) key).size() < 2048) {
                throw new IllegalArgumentException("an RSA key must have at least 2048 bits");
            }
        } else if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            algorithm = JWSAlgorithm.parse(algorithmOrNull != null ? algorithmOrNull : "ES256");
            if (!algorithm.equals(JWSAlgorithm.ES256)) {
                throw new IllegalArgumentException("a P-256 key signs with ES256, not " + algorithm);
            }
        } else {
            throw new IllegalArgumentException("the key must be an RSA key or an EC key on P-256");
        }
        return new ClientKey(key, algorithm);
    }

    private static JWK rebuild(JWK key, String keyId, JWSAlgorithm algorithm) {
        if (key instanceof RSAKey rsa) {
            return new RSAKey.Builder(rsa).keyID(keyId).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                    .x509CertChain(null).build();
        }
        return new ECKey.Builder((ECKey) key).keyID(keyId).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                .x509CertChain(null).build();
    }

    private static JWK fromPem(String pem) {
        Map<String, byte[]> blocks = Pem.blocks(pem);
        byte[] pkcs8 = blocks.get("PRIVATE KEY");
        if (pkcs8 == null) {
            throw new IllegalArgumentException("the PEM text has no PKCS#8 PRIVATE KEY block");
        }
        try {
            PrivateKey privateKey = privateKey(pkcs8);
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                return new RSAKey.Builder(publicKey).privateKey(rsa).build();
            }
            if (privateKey instanceof ECPrivateKey ec) {
                PublicKey publicKey = publicKey(blocks);
                if (!(publicKey instanceof ECPublicKey ecPublic)) {
                    throw new IllegalArgumentException("an EC key in PEM needs its PUBLIC KEY or CERTIFICATE block");
                }
                return new ECKey.Builder(Curve.forECParameterSpec(ecPublic.getParams()), ecPublic).privateKey(ec)
                        .build();
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the PEM key cannot be read");
        }
        throw new IllegalArgumentException("the PEM key must be an RSA or EC key");
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (java.security.spec.InvalidKeySpecException otherType) {
                // try the next type
            }
        }
        throw new GeneralSecurityException("not an RSA or EC key");
    }

    private static PublicKey publicKey(Map<String, byte[]> blocks) throws GeneralSecurityException {
        byte[] spki = blocks.get("PUBLIC KEY");
        if (spki != null) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        }
        byte[] certificate = blocks.get("CERTIFICATE");
        if (certificate != null) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificate))).getPublicKey();
        }
        return null;
    }

    /** The PEM blocks of a text by label; written here because Nimbus reads PEM only with Bouncy Castle. */
    static final class Pem {
        private Pem() {
        }

        static Map<String, byte[]> blocks(String text) {
            Map<String, byte[]> blocks = new java.util.LinkedHashMap<>();
            int at = 0;
            while (true) {
                int begin = text.indexOf("-----BEGIN ", at);
                if (begin < 0) {
                    return blocks;
                }
                int labelEnd = text.indexOf("-----", begin + 11);
                if (labelEnd < 0) {
                    throw new IllegalArgumentException("the PEM text is malformed");
                }
                String label = text.substring(begin + 11, labelEnd);
                String endMarker = "-----END " + label + "-----";
                int end = text.indexOf(endMarker, labelEnd + 5);
                if (end < 0) {
                    throw new IllegalArgumentException("the PEM block " + label + " has no end");
                }
                try {
                    blocks.putIfAbsent(label, Base64.getMimeDecoder().decode(text.substring(labelEnd + 5, end)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the PEM block " + label + " is not base64");
                }
                at = end + endMarker.length();
            }
        }
    }

    /**
     * @return the key id sent as {@code kid}: the configured one, else the RFC 7638 thumbprint
     */
    public String keyId() {
        return privateJwk.getKeyID();
    }

    /**
     * @return the JWS algorithm this key signs with
     */
    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * @return the signer of this key and algorithm
     */
    public JWSSigner signer() {
        return signer;
    }

    /**
     * @return the public half, with {@code kid}, {@code alg} and {@code use: sig}, for the app's key set
     */
    public JWK publicJwk() {
        return privateJwk.toPublicJWK();
    }

    /**
     * @return the private key with its {@code kid} and {@code alg}
     */
    JWK privateJwk() {
        return privateJwk;
    }

    /** Shows the key id and algorithm; never key material. */
    @Override
    public String toString() {
        return "ClientKey[kid=" + keyId() + ", alg=" + algorithm + "]";
    }
}
