package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    static LocalPassageProvider provider;
    static TestClient client;

    @BeforeAll
    static void start() {
        provider = TestClient.startProvider();
        // Characters that client_secret_basic must form-encode before Base64 (RFC 6749 2.3.1).
        provider.addClient("odd:client id", "s3cr+t:/ü%");
        client = new TestClient(provider);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @AfterEach
    void reset() {
        provider.behaviour().reset();
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, TestClient.json(response).get("error"), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void pkceMismatchIsInvalidGrant() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        assertError(client.redeem(code, TestClient.random(32)), 400, "invalid_grant");
        // The failed attempt used the code up.
        assertError(client.redeem(code, flow.verifier()), 400, "invalid_grant");
    }

    @Test
    void missingVerifierIsInvalidGrant() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        assertError(client.postToken(params, TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)), 400, "invalid_grant");
    }

    @Test
    void replayedCodeIsRejectedAndRevokesTheFirstTokens() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        HttpResponse<String> first = client.redeem(code, flow.verifier());
        assertEquals(200, first.statusCode());
        String accessToken = (String) TestClient.json(first).get("access_token");
        assertEquals(200, client.get(provider.endpoint(Endpoint.USERINFO), "Bearer " + accessToken).statusCode());

        assertError(client.redeem(code, flow.verifier()), 400, "invalid_grant");
        assertEquals(401, client.get(provider.endpoint(Endpoint.USERINFO), "Bearer " + accessToken).statusCode());
    }

    @Test
    void wrongSecretIsInvalidClientWithChallenge() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        params.put("code_verifier", flow.verifier());
        HttpResponse<String> response = client.postToken(params, TestClient.basic(TestClient.CLIENT_ID, "wrong"));
        assertError(response, 401, "invalid_client");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic "));
        // A rejected client did not get to use up the code.
        assertEquals(200, client.redeem(code, flow.verifier()).statusCode());
    }

    @Test
    void onlyClientSecretBasicIsAccepted() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", "x");
        assertError(client.postToken(params, null), 401, "invalid_client");

        params.put("client_id", TestClient.CLIENT_ID);
        params.put("client_secret", TestClient.CLIENT_SECRET);
        assertError(client.postToken(params, null), 401, "invalid_client");
        assertError(client.postToken(params, TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)), 401, "invalid_client");
        assertError(client.postToken(Map.of("grant_type", "authorization_code"), "Bearer abc"), 401, "invalid_client");
        assertError(client.postToken(Map.of("grant_type", "authorization_code"), "Basic !!!"), 401, "invalid_client");
    }

    @Test
    void basicCredentialsAreFormDecoded() throws Exception {
        Map<String, String> params = Map.of("grant_type", "authorization_code", "code", "unknown");
        // Authenticated: the error is about the code, not the client.
        assertError(client.postToken(params, TestClient.basic("odd:client id", "s3cr+t:/ü%")), 400, "invalid_grant");
    }

    @Test
    void redirectUriMustMatch() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", TestClient.REDIRECT_URI + "/other");
        params.put("code_verifier", flow.verifier());
        assertError(client.postToken(params, TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)), 400, "invalid_grant");
    }

    @Test
    void codeIsBoundToItsClient() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        params.put("code_verifier", flow.verifier());
        assertError(client.postToken(params, TestClient.basic("odd:client id", "s3cr+t:/ü%")), 400, "invalid_grant");
    }

    @Test
    void expiredCodeIsInvalidGrant() throws Exception {
        provider.behaviour().authorizationCodeLifetime(Duration.ofMillis(1));
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Thread.sleep(20);
        assertError(client.redeem(code, flow.verifier()), 400, "invalid_grant");
    }

    @Test
    void badRequestsAreReportedPerRfc6749() throws Exception {
        String auth = TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        assertError(client.postToken(Map.of("code", "x"), auth), 400, "invalid_request");
        assertError(client.postToken(Map.of("grant_type", "password"), auth), 400, "unsupported_grant_type");
        assertError(client.postToken(Map.of("grant_type", "authorization_code"), auth), 400, "invalid_request");
        assertError(client.postToken(Map.of("grant_type", "refresh_token", "refresh_token", "x"), auth), 400, "unsupported_grant_type");
    }
}
