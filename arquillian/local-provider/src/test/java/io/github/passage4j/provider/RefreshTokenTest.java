package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    static LocalPassageProvider provider;
    static TestClient client;

    @BeforeAll
    static void start() {
        provider = TestClient.startProvider();
        provider.behaviour().refreshTokens(true);
        client = new TestClient(provider);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static HttpResponse<String> refresh(String refreshToken, String scope) throws Exception {
        Map<String, String> params = scope == null
                ? Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)
                : Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", scope);
        return client.postToken(params, TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
    }

    @Test
    void refreshRotatesTheRefreshToken() throws Exception {
        Map<String, Object> first = client.tokensFor("user-alice", "openid email");
        String refreshToken = (String) first.get("refresh_token");
        assertNotNull(refreshToken);

        HttpResponse<String> response = refresh(refreshToken, null);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> second = TestClient.json(response);
        assertNotEquals(refreshToken, second.get("refresh_token"));
        assertNotEquals(first.get("access_token"), second.get("access_token"));
        assertTrue(client.verifiesWithJwks((String) second.get("id_token")));
        JWTClaimsSet claims = CodeFlowTest.idTokenClaims(second);
        assertEquals("user-alice", claims.getSubject());
        assertEquals("alice@example.com", claims.getStringClaim("email"));
        assertNull(claims.getClaim("nonce"));
        assertEquals(CodeFlowTest.idTokenClaims(first).getClaim("auth_time"), claims.getClaim("auth_time"));

        HttpResponse<String> reused = refresh(refreshToken, null);
        assertEquals(400, reused.statusCode());
        assertEquals("invalid_grant", TestClient.json(reused).get("error"));
    }

    @Test
    void refreshCanNarrowButNotWidenTheScope() throws Exception {
        String refreshToken = (String) client.tokensFor("user-alice", "openid email").get("refresh_token");
        HttpResponse<String> wider = refresh(refreshToken, "openid email phone");
        assertEquals("invalid_scope", TestClient.json(wider).get("error"));

        HttpResponse<String> narrower = refresh(refreshToken, "openid");
        assertEquals(200, narrower.statusCode(), narrower.body());
        assertNull(CodeFlowTest.idTokenClaims(TestClient.json(narrower)).getClaim("email"));
    }
}
