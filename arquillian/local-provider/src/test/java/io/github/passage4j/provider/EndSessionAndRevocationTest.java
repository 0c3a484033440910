package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hostile end-session endpoints (one method only; a POSTed post_logout_redirect_uri ignored) and the revocation
 * endpoint as a logout test needs it: what was revoked is recorded, and it can fail or hang.
 */
class EndSessionAndRevocationTest {

    private static final String AFTER = "http://127.0.0.1:1/app/";

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    private static Map<String, String> logoutParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("id_token_hint", "a.b.c");
        parameters.put("client_id", TestClient.CLIENT_ID);
        parameters.put("post_logout_redirect_uri", AFTER);
        parameters.put("state", "s1");
        return parameters;
    }

    private static HttpResponse<String> getLogout() throws Exception {
        return client.get(URI.create(provider.endpoint(Endpoint.LOGOUT) + "?" + TestClient.form(logoutParameters())));
    }

    private static HttpResponse<String> postLogout() throws Exception {
        return client.post(provider.endpoint(Endpoint.LOGOUT), logoutParameters(), null);
    }

    @Test
    void byDefaultBothMethodsComeBackToThePostLogoutUri() throws Exception {
        assertEquals(AFTER + "?state=s1", getLogout().headers().firstValue("Location").orElseThrow());
        assertEquals(AFTER + "?state=s1", postLogout().headers().firstValue("Location").orElseThrow());
        assertNull(provider.behaviour().endSessionAcceptsOnly());
    }

    @Test
    void anEndpointThatTakesOnlyGetAnswersAPost404() throws Exception {
        provider.behaviour().endSessionAcceptsOnly("GET");
        assertEquals(404, postLogout().statusCode());
        HttpResponse<String> get = getLogout();
        assertEquals(302, get.statusCode());
        assertEquals(AFTER + "?state=s1", get.headers().firstValue("Location").orElseThrow());
        assertEquals("a.b.c", provider.lastRequest(Endpoint.LOGOUT).orElseThrow().parameter("id_token_hint"));
    }

    @Test
    void anEndpointThatTakesOnlyPostAnswersAGet405() throws Exception {
        provider.behaviour().endSessionAcceptsOnly("POST");
        HttpResponse<String> get = getLogout();
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals(302, postLogout().statusCode());
    }

    @Test
    void anEndpointThatIgnoresAPostedPostLogoutUriShowsItsOwnPage() throws Exception {
        provider.behaviour().ignorePostedPostLogoutRedirectUri(true);
        HttpResponse<String> posted = postLogout();
        assertEquals(200, posted.statusCode());
        assertFalse(posted.headers().firstValue("Location").isPresent());
        assertTrue(posted.body().contains("signed out"));
        assertEquals(302, getLogout().statusCode(), "in the query it is still read");
    }

    @Test
    void resetUndoesTheSwitchesAndNonsenseIsRefused() throws Exception {
        provider.behaviour().endSessionAcceptsOnly("GET").ignorePostedPostLogoutRedirectUri(true).reset();
        assertEquals(302, postLogout().statusCode());
        assertThrows(IllegalArgumentException.class, () -> provider.behaviour().endSessionAcceptsOnly("PUT"));
    }

    @Test
    void revocationRecordsWhatWasRevokedAndWithWhichHint() throws Exception {
        provider.behaviour().refreshTokens(true);
        Map<String, Object> tokens = client.tokensFor("user-alice", "openid");
        String refreshToken = (String) tokens.get("refresh_token");
        String accessToken = (String) tokens.get("access_token");
        String auth = TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        assertFalse(provider.wasRevoked(refreshToken));
        assertEquals(200, client.post(provider.endpoint(Endpoint.REVOKE),
                Map.of("token", refreshToken, "token_type_hint", "refresh_token"), auth).statusCode());
        assertTrue(provider.wasRevoked(refreshToken));
        assertFalse(provider.wasRevoked(accessToken));
        assertEquals("refresh_token",
                provider.lastRequest(Endpoint.REVOKE).orElseThrow().parameter("token_type_hint"));
        assertEquals(200, client.post(provider.endpoint(Endpoint.REVOKE), Map.of("token", "never-issued"), auth)
                .statusCode());
        assertFalse(provider.wasRevoked("never-issued"), "an unknown token is answered 200, not recorded");
    }

    @Test
    void aFailingRevocationEndpointAnswers500AndRevokesNothing() throws Exception {
        provider.behaviour().refreshTokens(true);
        String refreshToken = (String) client.tokensFor("user-alice", "openid").get("refresh_token");
        provider.behaviour().fail(Endpoint.REVOKE, Fault.serverError());
        String auth = TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET);
        assertEquals(500, client.post(provider.endpoint(Endpoint.REVOKE), Map.of("token", refreshToken), auth)
                .statusCode());
        assertFalse(provider.wasRevoked(refreshToken));
    }

    @Test
    void aHangingRevocationEndpointHoldsTheClientUntilItsOwnTimeout() throws Exception {
        provider.behaviour().fail(Endpoint.REVOKE, Fault.hang());
        HttpRequest request = HttpRequest.newBuilder(provider.endpoint(Endpoint.REVOKE))
                .timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=x")).build();
        int before = provider.revocationRequests();
        HttpClient http = HttpClient.newHttpClient();
        assertThrows(HttpTimeoutException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals(before + 1, provider.revocationRequests(), "the request arrived and was held");
    }
}
