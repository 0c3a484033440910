package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /par} and the {@code request_uri} it issues at {@code /authorize} (RFC 9126). */
class PushedAuthorizationRequestTest {

    static LocalPassageProvider provider;
    static TestClient client;

    @BeforeAll
    static void start() {
        provider = TestClient.startProvider();
        provider.addClient("other", "other-secret");
        provider.addClient("strict", "strict-secret", List.of(URI.create("https://app.example/callback")));
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

    /** The parameters of {@code flow}'s authorization URL, as a client would push them. */
    static Map<String, String> parameters(TestClient.Flow flow) {
        return TestClient.query(flow.authorizationUrl());
    }

    static HttpResponse<String> push(Map<String, String> parameters, String authorization) throws Exception {
        return client.post(provider.endpoint(Endpoint.PAR), parameters, authorization);
    }

    static HttpResponse<String> push(Map<String, String> parameters) throws Exception {
        return push(parameters, TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
    }

    static String requestUri(HttpResponse<String> pushed) {
        assertEquals(201, pushed.statusCode(), pushed.body());
        return (String) TestClient.json(pushed).get("request_uri");
    }

    static URI authorizeUrl(String clientId, String requestUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("request_uri", requestUri);
        return URI.create(provider.endpoint(Endpoint.AUTHORIZE) + "?" + TestClient.form(query));
    }

    @Test
    void pushedRequestSignsInThroughItsRequestUri() throws Exception {
        TestClient.Flow flow = client.flow("openid email");
        HttpResponse<String> pushed = push(parameters(flow));

        assertEquals(201, pushed.statusCode(), pushed.body());
        assertEquals("no-store", pushed.headers().firstValue("Cache-Control").orElseThrow());
        Map<String, Object> answer = TestClient.json(pushed);
        assertTrue(((String) answer.get("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:"),
                answer.toString());
        assertEquals(60L, ((Number) answer.get("expires_in")).longValue());

        URI callback = LoginPage.open(client.http, authorizeUrl(TestClient.CLIENT_ID,
                (String) answer.get("request_uri"))).signInAs("user-alice");
        Map<String, String> result = TestClient.query(callback);
        assertEquals(flow.state(), result.get("state"));
        HttpResponse<String> tokens = client.redeem(result.get("code"), flow.verifier());
        assertEquals(200, tokens.statusCode(), tokens.body());
    }

    @Test
    void requestUriIsGoodForOneAuthorizationRequest() throws Exception {
        String requestUri = requestUri(push(parameters(client.flow("openid"))));
        assertEquals(200, client.get(authorizeUrl(TestClient.CLIENT_ID, requestUri)).statusCode());
        HttpResponse<String> again = client.get(authorizeUrl(TestClient.CLIENT_ID, requestUri));
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("invalid_request_uri"), again.body());
    }

    @Test
    void expiredRequestUriIsRefused() throws Exception {
        provider.behaviour().parRequestUriLifetime(Duration.ZERO);
        HttpResponse<String> pushed = push(parameters(client.flow("openid")));
        // the client is told it has a second: the hostile case is the URI that expired anyway
        assertEquals(1L, ((Number) TestClient.json(pushed).get("expires_in")).longValue());
        HttpResponse<String> response = client.get(authorizeUrl(TestClient.CLIENT_ID, requestUri(pushed)));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("expired"), response.body());
    }

    @Test
    void unknownOrForeignRequestUriIsRefused() throws Exception {
        HttpResponse<String> unknown = client.get(authorizeUrl(TestClient.CLIENT_ID,
                PushedRequests.REQUEST_URI_PREFIX + "made-up"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown"), unknown.body());
        HttpResponse<String> byUrl = client.get(authorizeUrl(TestClient.CLIENT_ID, "https://evil.example/request"));
        assertEquals(400, byUrl.statusCode());
        assertEquals(0, provider.requestCount(Endpoint.HOSTILE_JWKS));
    }

    @Test
    void requestUriOnlyWorksForTheClientThatPushedIt() throws Exception {
        String requestUri = requestUri(push(parameters(client.flow("openid"))));
        HttpResponse<String> response = client.get(authorizeUrl("other", requestUri));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("client_id"), response.body());
    }

    @Test
    void onlyThePushedParametersCount() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String requestUri = requestUri(push(parameters(flow)));
        URI withExtra = URI.create(authorizeUrl(TestClient.CLIENT_ID, requestUri) + "&state=forged");
        URI callback = LoginPage.open(client.http, withExtra).signInAs("user-alice");
        assertEquals(flow.state(), TestClient.query(callback).get("state"));
    }

    @Test
    void pushingNeedsClientAuthentication() throws Exception {
        HttpResponse<String> response = push(parameters(client.flow("openid")), null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", TestClient.json(response).get("error"));
        HttpResponse<String> wrong = push(parameters(client.flow("openid")),
                TestClient.basic(TestClient.CLIENT_ID, "wrong"));
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void pushedRequestsAreCheckedAtOnce() throws Exception {
        Map<String, String> foreign = parameters(client.flow("openid"));
        HttpResponse<String> otherClient = push(foreign, TestClient.basic("other", "other-secret"));
        // RFC 9126 2.1 / RFC 6749 2.3: the form's client_id must be the authenticated client
        assertEquals(401, otherClient.statusCode(), "client_id of another client");

        Map<String, String> disallowed = parameters(client.flow("openid"));
        disallowed.put("client_id", "strict");
        HttpResponse<String> redirect = push(disallowed, TestClient.basic("strict", "strict-secret"));
        assertEquals(400, redirect.statusCode());
        assertTrue(TestClient.json(redirect).get("error_description").toString().contains("redirect_uri"));

        Map<String, String> nested = parameters(client.flow("openid"));
        nested.put("request_uri", PushedRequests.REQUEST_URI_PREFIX + "x");
        assertEquals(400, push(nested).statusCode());
    }

    @Test
    void pushedRequestIsValidatedLikeABrowserOneWhenUsed() throws Exception {
        Map<String, String> parameters = parameters(client.flow("openid"));
        parameters.remove("code_challenge");
        parameters.remove("code_challenge_method");
        HttpResponse<String> response = client.get(authorizeUrl(TestClient.CLIENT_ID, requestUri(push(parameters))));
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElseThrow().contains("error=invalid_request"));
    }

    @Test
    void discoveryAnnouncesTheEndpointAndWhetherItIsRequired() throws Exception {
        Map<String, Object> doc = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        assertEquals(provider.endpoint(Endpoint.PAR).toString(), doc.get("pushed_authorization_request_endpoint"));
        assertEquals(false, doc.get("require_pushed_authorization_requests"));
        provider.behaviour().requirePushedAuthorizationRequests(true);
        doc = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        assertEquals(true, doc.get("require_pushed_authorization_requests"));
    }

    @Test
    void whenRequiredOnlyPushedRequestsAreAccepted() throws Exception {
        provider.behaviour().requirePushedAuthorizationRequests(true);
        HttpResponse<String> direct = client.get(client.flow("openid").authorizationUrl());
        assertEquals(400, direct.statusCode());
        assertTrue(direct.body().contains("RFC 9126 5"), direct.body());
        String requestUri = requestUri(push(parameters(client.flow("openid"))));
        assertEquals(200, client.get(authorizeUrl(TestClient.CLIENT_ID, requestUri)).statusCode());
    }

    @Test
    void hostileAnswersLackRequestUriOrExpiresIn() throws Exception {
        provider.behaviour().parResponseWithoutRequestUri();
        HttpResponse<String> noUri = push(parameters(client.flow("openid")));
        assertEquals(201, noUri.statusCode());
        assertFalse(TestClient.json(noUri).containsKey("request_uri"));
        assertNotNull(TestClient.json(noUri).get("expires_in"));

        provider.behaviour().parResponseWithoutExpiresIn();
        HttpResponse<String> noExpiry = push(parameters(client.flow("openid")));
        assertFalse(TestClient.json(noExpiry).containsKey("expires_in"));
        assertNotNull(TestClient.json(noExpiry).get("request_uri"));
    }

    @Test
    void resetRestoresTheDefaults() {
        Behaviour behaviour = provider.behaviour().parRequestUriLifetime(Duration.ofSeconds(5))
                .requirePushedAuthorizationRequests(true).parResponseWithoutRequestUri();
        behaviour.reset();
        assertEquals(Behaviour.DEFAULT_PAR_REQUEST_URI_LIFETIME, behaviour.parRequestUriLifetime());
        assertFalse(behaviour.requiresPushedAuthorizationRequests());
        Map<String, Object> answer = new LinkedHashMap<>(Map.of("request_uri", "u", "expires_in", 60));
        assertEquals(answer, behaviour.parResponse().apply(new LinkedHashMap<>(answer)));
    }
}
