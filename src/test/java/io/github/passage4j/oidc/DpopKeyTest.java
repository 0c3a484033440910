package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9449 4.2 proofs as the client builds them, and the key as a session keeps it. */
class DpopKeyTest {

    private static final URI TOKEN_ENDPOINT = URI.create("https://op.example/token?x=1#frag");

    @Test
    void aProofCarriesTypeKeyAndTheClaimsOf42() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        SignedJWT proof = SignedJWT.parse(key.proof("POST", TOKEN_ENDPOINT, null, null, TestSupport.NOW));

        assertEquals("dpop+jwt", proof.getHeader().getType().getType());
        assertEquals(JWSAlgorithm.ES256, proof.getHeader().getAlgorithm());
        JWK jwk = proof.getHeader().getJWK();
        assertFalse(jwk.isPrivate(), "RFC 9449 4.2: the jwk header holds the public key only");
        assertTrue(proof.verify(new ECDSAVerifier((ECKey) jwk)));
        assertEquals(key.thumbprint(), jwk.computeThumbprint().toString());
        assertEquals("POST", proof.getJWTClaimsSet().getStringClaim("htm"));
        assertEquals("https://op.example/token", proof.getJWTClaimsSet().getStringClaim("htu"),
                "RFC 9449 4.2: htu without query and fragment");
        assertEquals(TestSupport.NOW.getEpochSecond(), proof.getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond());
        assertTrue(proof.getJWTClaimsSet().getJWTID().length() >= 32);
        assertNull(proof.getJWTClaimsSet().getClaim("ath"));
        assertNull(proof.getJWTClaimsSet().getClaim("nonce"));
    }

    @Test
    void aProofWithAnAccessTokenHasItsHashAndTheServersNonce() throws Exception {
        DpopKey key = DpopKey.generate(List.of("ES256"));
        SignedJWT proof = SignedJWT.parse(key.proof("GET", URI.create("https://op.example/userinfo"), "at-1",
                "nonce-1", TestSupport.NOW));
        assertEquals(SignInSecrets.sha256Base64Url("at-1"), proof.getJWTClaimsSet().getStringClaim("ath"));
        assertEquals("nonce-1", proof.getJWTClaimsSet().getStringClaim("nonce"));
    }

    @Test
    void everyProofHasItsOwnJti() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        String first = SignedJWT.parse(key.proof("POST", TOKEN_ENDPOINT, null, null, TestSupport.NOW))
                .getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(key.proof("POST", TOKEN_ENDPOINT, null, null, TestSupport.NOW))
                .getJWTClaimsSet().getJWTID();
        assertNotEquals(first, second);
    }

    @Test
    void ps256WhenTheProviderLacksEs256AndNothingWhenItHasNeither() throws Exception {
        DpopKey key = DpopKey.generate(List.of("RS256", "PS256"));
        assertEquals("PS256", key.algorithm());
        assertEquals(JWSAlgorithm.PS256,
                SignedJWT.parse(key.proof("POST", TOKEN_ENDPOINT, null, null, TestSupport.NOW)).getHeader().getAlgorithm());
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> DpopKey.generate(List.of("RS256")));
        assertTrue(refused.getMessage().startsWith("RFC 9449 5.1"), refused.getMessage());
    }

    @Test
    void theSerialisedKeyReadsBackAsTheSameKey() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        DpopKey again = DpopKey.parse(key.serialize());
        assertEquals(key.thumbprint(), again.thumbprint());
        assertEquals("ES256", again.algorithm());
        DpopKey rsa = DpopKey.generate(List.of("PS256"));
        assertEquals(rsa.thumbprint(), DpopKey.parse(rsa.serialize()).thumbprint());
        assertFalse(key.toString().contains("\"d\""), "toString must not show the private key");
    }

    @Test
    void aPublicKeyOrAKeyWithoutAlgIsNoSessionKey() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> DpopKey.parse(TestSupport.EC_1.toPublicJWK().toJSONString()));
        assertThrows(IllegalArgumentException.class, () -> DpopKey.parse(TestSupport.EC_1.toJSONString()));
        assertThrows(IllegalArgumentException.class, () -> DpopKey.parse("not json"));
    }

    @Test
    void htuIsNormalised() {
        assertEquals(URI.create("https://op.example/a%20b"), DpopKey.htu(URI.create("HTTPS://OP.example:443/a%20b?q")));
        assertEquals(URI.create("http://127.0.0.1:8080/"), DpopKey.htu(URI.create("http://127.0.0.1:8080")));
    }
}
