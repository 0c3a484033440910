package io.github.passage4j.oidc;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientKeyTest {

    @TempDir
    Path directory;

    @Test
    void aPrivateRsaJwkSignsRs256ByDefaultAndPs256WhenAsked() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        ClientKey rs256 = ClientKey.parse(rsa.toJSONString(), null);
        assertEquals("RS256", rs256.algorithm().getName());
        assertEquals("k1", rs256.keyId());
        ClientKey ps256 = ClientKey.parse(rsa.toJSONString(), "PS256");
        assertTrue(signedBy(ps256).verify(new RSASSAVerifier(rsa.toRSAPublicKey())));
    }

    @Test
    void theKeyIdDefaultsToTheThumbprintAndThePublicHalfHasNoPrivatePart() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        ClientKey key = ClientKey.parse(ec.toJSONString(), null);
        assertEquals(ec.computeThumbprint().toString(), key.keyId());
        assertEquals("ES256", key.algorithm().getName());
        assertFalse(key.publicJwk().isPrivate());
        assertEquals(KeyUse.SIGNATURE, key.publicJwk().getKeyUse());
        assertEquals("ES256", key.publicJwk().getAlgorithm().getName());
        assertTrue(signedBy(key).verify(new ECDSAVerifier(ec.toECPublicKey())));
        assertFalse(key.toString().contains(ec.getD().toString()), key.toString());
    }

    @Test
    void aPkcs8RsaPemIsRead() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String pem = pem("PRIVATE KEY", rsa.toPrivateKey().getEncoded());
        ClientKey key = ClientKey.parse(pem, "PS256");
        assertTrue(signedBy(key).verify(new RSASSAVerifier(rsa.toRSAPublicKey())));
    }

    @Test
    void anEcPemNeedsItsPublicKeyBlock() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        String privateOnly = pem("PRIVATE KEY", ec.toPrivateKey().getEncoded());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClientKey.parse(privateOnly, null));
        assertTrue(missing.getMessage().contains("PUBLIC KEY"), missing.getMessage());
        ClientKey key = ClientKey.parse(privateOnly + pem("PUBLIC KEY", ec.toPublicKey().getEncoded()), null);
        assertTrue(signedBy(key).verify(new ECDSAVerifier(ec.toECPublicKey())));
    }

    @Test
    void aPkcs12KeystoreEntryIsRead() throws Exception {
        Path store = directory.resolve("client.p12");
        TestSupport.keyStore(store, "EC", "CN=client", "changeit");
        ClientKey key = ClientKey.load(store, "changeit".toCharArray(), null, null);
        assertEquals("ES256", key.algorithm().getName());
        assertThrows(IllegalArgumentException.class,
                () -> ClientKey.load(store, "changeit".toCharArray(), "other", null));
        IllegalArgumentException wrongPassword = assertThrows(IllegalArgumentException.class,
                () -> ClientKey.load(store, "wrong".toCharArray(), null, null));
        assertFalse(wrongPassword.getMessage().contains("wrong"), wrongPassword.getMessage());
    }

    @Test
    void unusableKeysAreRefusedWithAReason() throws Exception {
        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientKey.parse(small.toJSONString(), null))
                .getMessage().contains("2048"));
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClientKey.parse(rsa.toPublicJWK().toJSONString(), null)).getMessage().contains("private"));
        assertThrows(IllegalArgumentException.class, () -> ClientKey.parse(rsa.toJSONString(), "ES256"));
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        assertThrows(IllegalArgumentException.class, () -> ClientKey.parse(p384.toJSONString(), null));
        assertThrows(IllegalArgumentException.class, () -> ClientKey.parse("not a key", null));
        assertThrows(IllegalArgumentException.class, () -> ClientKey.parse("{\"kty\":", null));
        assertThrows(IllegalArgumentException.class,
                () -> ClientKey.parse("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----", null));
    }

    private static JWSObject signedBy(ClientKey key) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(key.algorithm()), new Payload("{}"));
        jws.sign(key.signer());
        return jws;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }
}
