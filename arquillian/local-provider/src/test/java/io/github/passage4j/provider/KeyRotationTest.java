package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private static List<String> publishedKids(TestClient client) throws Exception {
        return JWKSet.parse(client.get(client.provider.endpoint(Endpoint.JWKS)).body()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void rotationSignsWithANewPublishedKey() throws Exception {
        try (LocalPassageProvider provider = TestClient.startProvider()) {
            TestClient client = new TestClient(provider);
            String oldToken = (String) client.tokensFor("user-alice", "openid").get("id_token");
            String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();

            String newKid = provider.behaviour().rotateSigningKey();
            assertNotEquals(oldKid, newKid);
            assertEquals(List.of(newKid, oldKid), publishedKids(client));
            provider.behaviour().reset(); // does not undo a rotation
            assertEquals(newKid, provider.signingKey().getKeyID());

            String newToken = (String) client.tokensFor("user-alice", "openid").get("id_token");
            assertEquals(newKid, SignedJWT.parse(newToken).getHeader().getKeyID());
            assertTrue(client.verifiesWithJwks(newToken));
            assertTrue(client.verifiesWithJwks(oldToken), "the previous key stays published");

            String newestKid = provider.rotateSigningKey(false);
            assertEquals(List.of(newestKid), publishedKids(client));
            assertFalse(client.verifiesWithJwks(newToken), "a dropped key no longer verifies");
        }
    }
}
