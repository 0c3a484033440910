package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWS signers on the JDK's own cryptography, for what Nimbus refuses or cannot do alone: HMAC with a secret shorter
 * than the algorithm's hash (a short client secret) and EdDSA without Tink.
 */
final class JdkSigners {

    private JdkSigners() {
    }

    /**
     * @param secret the raw HMAC secret, of any length (RFC 7518 3.2 asks for at least the hash size; an attacker does
     *               not care)
     * @return a signer for HS256, HS384 and HS512, taking the algorithm from the header
     */
    static JWSSigner hmac(byte[] secret) {
        return new HmacSigner(secret.clone());
    }

    /**
     * @param key an Ed25519 key pair with its private part
     * @return an EdDSA signer (RFC 8037) on the JDK's Ed25519
     * @throws JOSEException when the key is not a private Ed25519 key
     */
    static JWSSigner ed25519(OctetKeyPair key) throws JOSEException {
        if (!Curve.Ed25519.equals(key.getCurve()) || key.getD() == null) {
            throw new JOSEException("EdDSA signing needs a private Ed25519 key");
        }
        byte[] seed = key.getD().decode();
        byte[] pkcs8 = Arrays.copyOf(HostileKeys.ED25519_PKCS8_PREFIX, HostileKeys.ED25519_PKCS8_PREFIX.length + seed.length);
        System.arraycopy(seed, 0, pkcs8, HostileKeys.ED25519_PKCS8_PREFIX.length, seed.length);
        try {
            return new Ed25519Signer(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("the JDK refuses the Ed25519 key", e);
        }
    }

    private abstract static class JdkSigner implements JWSSigner {
        private final JCAContext context = new JCAContext();

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }

    private static final class HmacSigner extends JdkSigner {
        private static final Map<JWSAlgorithm, String> MACS = Map.of(
                JWSAlgorithm.HS256, "HmacSHA256", JWSAlgorithm.HS384, "HmacSHA384", JWSAlgorithm.HS512, "HmacSHA512");

        private final byte[] secret;

        HmacSigner(byte[] secret) {
            this.secret = secret;
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return MACS.keySet();
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            String mac = MACS.get(header.getAlgorithm());
            if (mac == null) {
                throw new JOSEException("not an HMAC algorithm: " + header.getAlgorithm());
            }
            try {
                Mac hmac = Mac.getInstance(mac);
                hmac.init(new SecretKeySpec(secret, mac));
                return Base64URL.encode(hmac.doFinal(signingInput));
            } catch (GeneralSecurityException e) {
                throw new JOSEException("cannot compute " + mac, e);
            }
        }
    }

    private static final class Ed25519Signer extends JdkSigner {
        private final PrivateKey key;

        Ed25519Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign()); // already the 64-byte R || S that RFC 8037 3.1 asks for
            } catch (GeneralSecurityException e) {
                throw new JOSEException("cannot sign with Ed25519", e);
            }
        }
    }
}
