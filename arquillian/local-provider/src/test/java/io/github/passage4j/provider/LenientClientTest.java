package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Behaviour#allowClientSecretPost(String)} and {@link Behaviour#pkceOptional(String)}: strict by default, lenient
 * only for the client named, and only until {@link Behaviour#reset()}.
 */
class LenientClientTest {

    static LocalPassageProvider provider;
    static TestClient client;

    @BeforeAll
    static void start() {
        provider = TestClient.startProvider();
        provider.addClient("other-client", "other-secret");
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

    /** An authorization request of the test client without PKCE. */
    private static URI withoutPkce(String clientId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        params.put("scope", "openid");
        params.put("state", TestClient.random(16));
        params.put("nonce", TestClient.random(16));
        return URI.create(provider.issuer() + "/authorize?" + TestClient.form(params));
    }

    private static Map<String, String> postCredentials(String code, String clientId, String secret) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        params.put("client_id", clientId);
        params.put("client_secret", secret);
        return params;
    }

    private static String error(HttpResponse<String> response) {
        return String.valueOf(TestClient.json(response).get("error"));
    }

    @Test
    void byDefaultPkceIsRequiredAndClientSecretPostRejected() throws Exception {
        HttpResponse<String> answer = client.get(withoutPkce(TestClient.CLIENT_ID));
        assertEquals(302, answer.statusCode());
        Map<String, String> redirect = TestClient.query(URI.create(answer.headers().firstValue("Location").orElseThrow()));
        assertEquals("invalid_request", redirect.get("error"));

        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> params = postCredentials(code, TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        params.put("code_verifier", flow.verifier());
        HttpResponse<String> response = client.postToken(params, null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", error(response));
    }

    @Test
    void lenientClientSignsInWithoutPkceAndWithClientSecretPost() throws Exception {
        provider.behaviour().pkceOptional(TestClient.CLIENT_ID).allowClientSecretPost(TestClient.CLIENT_ID);
        String code = TestClient.query(LoginPage.open(withoutPkce(TestClient.CLIENT_ID)).signInAs("user-alice")).get("code");

        HttpResponse<String> wrongSecret = client.postToken(postCredentials(code, TestClient.CLIENT_ID, "wrong"), null);
        assertEquals(401, wrongSecret.statusCode());
        assertEquals("invalid_client", error(wrongSecret));

        HttpResponse<String> response = client.postToken(postCredentials(code, TestClient.CLIENT_ID, TestClient.CLIENT_SECRET), null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Bearer", TestClient.json(response).get("token_type"));
    }

    @Test
    void lenientClientStillCannotMixMethodsOrSendAStrayVerifier() throws Exception {
        provider.behaviour().pkceOptional(TestClient.CLIENT_ID).allowClientSecretPost(TestClient.CLIENT_ID);
        String code = TestClient.query(LoginPage.open(withoutPkce(TestClient.CLIENT_ID)).signInAs("user-alice")).get("code");
        HttpResponse<String> both = client.postToken(postCredentials(code, TestClient.CLIENT_ID, TestClient.CLIENT_SECRET),
                TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
        assertEquals(401, both.statusCode());

        Map<String, String> stray = postCredentials(code, TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        stray.put("code_verifier", TestClient.random(32));
        HttpResponse<String> response = client.postToken(stray, null);
        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", error(response));
    }

    @Test
    void otherClientsStayStrict() throws Exception {
        provider.behaviour().pkceOptional(TestClient.CLIENT_ID).allowClientSecretPost(TestClient.CLIENT_ID);
        HttpResponse<String> answer = client.get(withoutPkce("other-client"));
        assertEquals(302, answer.statusCode());
        assertEquals("invalid_request",
                TestClient.query(URI.create(answer.headers().firstValue("Location").orElseThrow())).get("error"));
        HttpResponse<String> response = client.postToken(postCredentials("x", "other-client", "other-secret"), null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", error(response));
    }

    @Test
    void resetMakesTheClientStrictAgain() throws Exception {
        provider.behaviour().pkceOptional(TestClient.CLIENT_ID).allowClientSecretPost(TestClient.CLIENT_ID).reset();
        HttpResponse<String> answer = client.get(withoutPkce(TestClient.CLIENT_ID));
        assertEquals("invalid_request",
                TestClient.query(URI.create(answer.headers().firstValue("Location").orElseThrow())).get("error"));
    }
}
