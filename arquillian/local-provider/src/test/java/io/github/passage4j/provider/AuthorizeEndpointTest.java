package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation of authorization requests: what is answered with a page, and what goes back to the client. */
class AuthorizeEndpointTest {

    static LocalPassageProvider provider;
    static TestClient client;

    @BeforeAll
    static void start() {
        provider = TestClient.startProvider();
        provider.addClient("strict", "secret", List.of(URI.create("https://app.example/callback")));
        provider.addUser(PassageUser.builder().sub("user-<b>").email("\"><script>alert(1)</script>@example.com").build());
        client = new TestClient(provider);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static Map<String, String> valid() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", TestClient.CLIENT_ID);
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        params.put("scope", "openid email");
        params.put("state", "st&te");
        params.put("code_challenge", TokenEndpoint.s256("v".repeat(50)));
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static HttpResponse<String> authorize(Map<String, String> params) throws Exception {
        return client.get(URI.create(provider.issuer() + "/authorize?" + TestClient.form(params)));
    }

    private static Map<String, String> errorRedirect(Map<String, String> params, String error) throws Exception {
        HttpResponse<String> response = authorize(params);
        assertEquals(302, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertTrue(location.toString().startsWith(TestClient.REDIRECT_URI + "?"), location.toString());
        Map<String, String> query = TestClient.query(location);
        assertEquals(error, query.get("error"));
        assertEquals("st&te", query.get("state"));
        assertEquals(provider.issuer().toString(), query.get("iss"));
        return query;
    }

    @Test
    void validRequestShowsTheLoginPage() throws Exception {
        HttpResponse<String> response = authorize(valid());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.headers().firstValue("Content-Security-Policy").isPresent());
        assertTrue(response.body().contains("name=\"user\" value=\"user-alice\""));
        assertTrue(response.body().contains("name=\"phone_number_verified\""));
        assertTrue(response.body().contains("action=\"" + provider.issuer() + "/login\""));
    }

    @Test
    void loginPageEscapesWhatItShows() throws Exception {
        String body = authorize(valid()).body();
        assertFalse(body.contains("<script>"), body);
        assertTrue(body.contains("&lt;script&gt;"));
        assertTrue(body.contains("value=\"user-&lt;b&gt;\""));
        assertTrue(LoginPage.parse(client.http, provider.issuer(), body).users().contains("user-<b>"));
    }

    @Test
    void unknownClientGetsAPageNotARedirect() throws Exception {
        Map<String, String> params = valid();
        params.put("client_id", "<script>x</script>");
        HttpResponse<String> response = authorize(params);
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
        assertFalse(response.body().contains("<script>x"));
        assertTrue(response.body().contains("&lt;script&gt;x"));
    }

    @Test
    void missingOrDisallowedRedirectUriGetsAPage() throws Exception {
        Map<String, String> params = valid();
        params.remove("redirect_uri");
        assertEquals(400, authorize(params).statusCode());

        params = valid();
        params.put("redirect_uri", "javascript:alert(1)");
        assertEquals(400, authorize(params).statusCode());

        params = valid();
        params.put("client_id", "strict");
        params.put("redirect_uri", "https://evil.example/callback");
        HttpResponse<String> response = authorize(params);
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());

        params.put("redirect_uri", "https://app.example/callback");
        assertEquals(200, authorize(params).statusCode());
    }

    @Test
    void pkceIsRequired() throws Exception {
        Map<String, String> params = valid();
        params.remove("code_challenge");
        params.remove("code_challenge_method");
        errorRedirect(params, "invalid_request");

        params = valid();
        params.put("code_challenge_method", "plain");
        errorRedirect(params, "invalid_request");

        params = valid();
        params.remove("code_challenge_method");
        errorRedirect(params, "invalid_request");
    }

    @Test
    void otherProblemsGoBackToTheClient() throws Exception {
        Map<String, String> params = valid();
        params.put("scope", "email");
        errorRedirect(params, "invalid_scope");

        params = valid();
        params.put("response_type", "token");
        errorRedirect(params, "unsupported_response_type");

        params = valid();
        params.put("prompt", "none");
        errorRedirect(params, "login_required");
    }

    @Test
    void postedAuthorizationRequestWorksToo() throws Exception {
        HttpResponse<String> response = client.post(provider.endpoint(Endpoint.AUTHORIZE), valid(), null);
        assertEquals(200, response.statusCode());
    }
}
