package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;

/**
 * Keys that are not the provider's, for {@link HostileCase}: an attacker's RSA and Ed25519 keys and two decoy RSA
 * keys. Generated once per JVM, on first use, and shared by every provider (they are never trusted by anyone).
 */
final class HostileKeys {

    /** Key id of {@link #attackerRsa()}. */
    static final String ATTACKER_RSA_KID = "attacker-rsa";
    /** Key id of {@link #attackerEd25519()}. */
    static final String ATTACKER_ED25519_KID = "eddsa-ed25519";

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte public key. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER prefix of an Ed25519 PKCS#8 private key (RFC 8410, version 1), followed by the 32-byte seed. */
    static final byte[] ED25519_PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x04, 0x22, 0x04, 0x20};

    private HostileKeys() {
    }

    /** @return the attacker's RSA signing key (private part included), kid {@value #ATTACKER_RSA_KID} */
    static RSAKey attackerRsa() {
        return Holder.ATTACKER_RSA;
    }

    /** @return the attacker's JWK set, as served at {@link Endpoint#HOSTILE_JWKS}: the public attacker RSA key */
    static JWKSet attackerJwkSet() {
        return new JWKSet(attackerRsa().toPublicJWK());
    }

    /**
     * @param index 0 or 1
     * @return a decoy RSA key (public part only), kid {@code decoy-1} or {@code decoy-2}, that signs nothing
     */
    static RSAKey decoyRsa(int index) {
        return Holder.DECOYS[index];
    }

    /**
     * @return the attacker's Ed25519 key pair (private part included), kid {@value #ATTACKER_ED25519_KID}, made with
     *         the JDK's own Ed25519 since Nimbus' generator needs Tink
     */
    static OctetKeyPair attackerEd25519() {
        return Holder.ATTACKER_ED25519;
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(SigningKeys.KEY_SIZE).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static OctetKeyPair ed25519(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x = strip(pair.getPublic().getEncoded(), ED25519_SPKI_PREFIX);
            byte[] d = strip(pair.getPrivate().getEncoded(), ED25519_PKCS8_PREFIX);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).keyID(kid).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an Ed25519 key", e);
        }
    }

    /** @return the 32 key bytes after {@code prefix}, checking that {@code encoded} is exactly prefix plus key */
    private static byte[] strip(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32 || !Arrays.equals(Arrays.copyOf(encoded, prefix.length), prefix)) {
            throw new IllegalStateException("unexpected Ed25519 key encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    /** Lazy holder: the keys are generated when a hostile case first needs them, not when the provider starts. */
    private static final class Holder {
        static final RSAKey ATTACKER_RSA = rsa(ATTACKER_RSA_KID);
        static final RSAKey[] DECOYS = {rsa("decoy-1").toPublicJWK(), rsa("decoy-2").toPublicJWK()};
        static final OctetKeyPair ATTACKER_ED25519 = ed25519(ATTACKER_ED25519_KID);
    }
}
