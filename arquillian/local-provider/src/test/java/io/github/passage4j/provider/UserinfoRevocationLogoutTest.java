package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserinfoRevocationLogoutTest {

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    private static HttpResponse<String> userinfo(String accessToken) throws Exception {
        return client.get(provider.endpoint(Endpoint.USERINFO), "Bearer " + accessToken);
    }

    @Test
    void userinfoAnswersClaimsByScope() throws Exception {
        String token = (String) client.tokensFor("user-alice", "openid email").get("access_token");
        int before = provider.userinfoRequests();
        HttpResponse<String> response = userinfo(token);
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(Map.of("sub", "user-alice", "email", "alice@example.com", "email_verified", true), TestClient.json(response));
        assertEquals(before + 1, provider.userinfoRequests());

        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(provider.endpoint(Endpoint.USERINFO))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, posted.statusCode());

        String phoneToken = (String) client.tokensFor("user-alice", "openid phone").get("access_token");
        assertEquals(Map.of("sub", "user-alice", "phone_number", "+15555550100", "phone_number_verified", true),
                TestClient.json(userinfo(phoneToken)));
    }

    @Test
    void userinfoRefusesMissingForeignAndExpiredTokens() throws Exception {
        HttpResponse<String> none = client.get(provider.endpoint(Endpoint.USERINFO));
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));

        HttpResponse<String> forged = userinfo("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        assertEquals(401, forged.statusCode());
        assertTrue(forged.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer "));

        provider.behaviour().accessTokenLifetime(Duration.ofMillis(1));
        Map<String, Object> tokens = client.tokensFor("user-alice", "openid");
        assertEquals(0L, ((Number) tokens.get("expires_in")).longValue());
        Thread.sleep(10);
        assertEquals(401, userinfo((String) tokens.get("access_token")).statusCode());
    }

    @Test
    void userinfoHookAltersClaims() throws Exception {
        String token = (String) client.tokensFor("user-alice", "openid").get("access_token");
        provider.behaviour().userinfoClaims(claims -> {
            claims.put("sub", "someone-else");
            return claims;
        });
        assertEquals("someone-else", TestClient.json(userinfo(token)).get("sub"));
    }

    @Test
    void revocationForgetsTheToken() throws Exception {
        String token = (String) client.tokensFor("user-alice", "openid").get("access_token");
        HttpResponse<String> unauthenticated = client.post(provider.endpoint(Endpoint.REVOKE), Map.of("token", token), null);
        assertEquals(401, unauthenticated.statusCode());
        assertEquals(200, userinfo(token).statusCode());

        String auth = TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        assertEquals(200, client.post(provider.endpoint(Endpoint.REVOKE), Map.of("token", token), auth).statusCode());
        assertEquals(401, userinfo(token).statusCode());
        // Unknown tokens are fine too (RFC 7009 2.2).
        assertEquals(200, client.post(provider.endpoint(Endpoint.REVOKE), Map.of("token", "nope"), auth).statusCode());
        assertEquals(3, provider.revocationRequests());
    }

    @Test
    void logoutRedirectsWithStateOrShowsAPage() throws Exception {
        int before = provider.logoutRequests();
        URI logout = URI.create(provider.endpoint(Endpoint.LOGOUT) + "?id_token_hint=abc&post_logout_redirect_uri="
                + "http%3A%2F%2F127.0.0.1%3A1%2Fbye&state=s1");
        HttpResponse<String> redirect = client.get(logout);
        assertEquals(302, redirect.statusCode());
        assertEquals("http://127.0.0.1:1/bye?state=s1", redirect.headers().firstValue("Location").orElseThrow());
        assertEquals("abc", provider.lastRequest(Endpoint.LOGOUT).orElseThrow().parameter("id_token_hint"));

        HttpResponse<String> page = client.get(provider.endpoint(Endpoint.LOGOUT));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("signed out"));
        assertFalse(page.headers().firstValue("Location").isPresent());

        assertEquals(400, client.get(URI.create(provider.endpoint(Endpoint.LOGOUT) + "?post_logout_redirect_uri=javascript:x")).statusCode());
        assertEquals(before + 3, provider.logoutRequests());
    }
}
