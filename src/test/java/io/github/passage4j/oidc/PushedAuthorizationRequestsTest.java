package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushedAuthorizationRequestsTest {

    private static final AuthorizationRequest REQUEST = new AuthorizationRequest(URI.create("https://app.example/cb"),
            "state-1", "nonce-1", "challenge-1");
    private static final String REQUEST_URI = "urn:ietf:params:oauth:request_uri:abc-123";
    private static final String CREATED = "{\"request_uri\":\"" + REQUEST_URI + "\",\"expires_in\":60}";

    private final FakeProvider fake;
    private final List<FakeProvider.Recorded> pushes = new CopyOnWriteArrayList<>();

    PushedAuthorizationRequestsTest() throws Exception {
        fake = new FakeProvider();
        fake.discoveryDocument.put("pushed_authorization_request_endpoint", fake.issuer + "/par");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The /par endpoint records each request and answers {@code status} with {@code body}. */
    private void parAnswers(int status, String body) {
        fake.on("/par", exchange -> {
            pushes.add(new FakeProvider.Recorded(exchange.getRequestMethod(), exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            FakeProvider.send(exchange, status, body);
        });
    }

    /** A client authenticating with client_secret_basic that pushes every authorization request. */
    private OpenIdProvider pushingProvider() {
        return TestSupport.provider(fake,
                new ClientProtocol(null, null, null, true, false, false, SecurityProfile.OPENID_CONNECT));
    }


    @Test
    void pushedRequestCarriesTheParametersAndTheRedirectOnlyClientIdAndRequestUri() throws Exception {
        parAnswers(201, CREATED);
        URI redirect = pushingProvider().authorizationRedirect(REQUEST);

        assertEquals(Map.of("client_id", TestSupport.CLIENT_ID, "request_uri", REQUEST_URI),
                TestSupport.decodeForm(redirect.getRawQuery()));
        assertTrue(redirect.toString().startsWith(fake.issuer + "/authorize?"), redirect.toString());
        FakeProvider.Recorded push = pushes.get(0);
        assertEquals("POST", push.method());
        assertEquals("application/x-www-form-urlencoded", push.headers().getFirst("Content-Type"));
        assertEquals(FormEncoding.basicAuthorization(TestSupport.CLIENT_ID, TestSupport.CLIENT_SECRET),
                push.headers().getFirst("Authorization"));
        Map<String, String> form = TestSupport.decodeForm(push.body());
        assertEquals("code", form.get("response_type"));
        assertEquals(TestSupport.CLIENT_ID, form.get("client_id"));
        assertEquals("https://app.example/cb", form.get("redirect_uri"));
        assertEquals("openid email", form.get("scope"));
        assertEquals("state-1", form.get("state"));
        assertEquals("nonce-1", form.get("nonce"));
        assertEquals("challenge-1", form.get("code_challenge"));
        assertEquals("S256", form.get("code_challenge_method"));
    }

    @Test
    void providerRequiringPushedRequestsGetsThemWithoutTheSetting() throws Exception {
        fake.discoveryDocument.put("require_pushed_authorization_requests", true);
        parAnswers(201, CREATED);
        URI redirect = TestSupport.provider(fake).authorizationRedirect(REQUEST);
        assertEquals(REQUEST_URI, TestSupport.decodeForm(redirect.getRawQuery()).get("request_uri"));
        assertEquals(1, pushes.size());
    }

    @Test
    void withoutTheSettingOrTheRequirementNothingIsPushed() throws Exception {
        parAnswers(201, CREATED);
        URI redirect = TestSupport.provider(fake).authorizationRedirect(REQUEST);
        assertEquals("nonce-1", TestSupport.decodeForm(redirect.getRawQuery()).get("nonce"));
        assertEquals(0, fake.hits("/par"));
    }

    @Test
    void pushingWithoutAParEndpointInDiscoveryIsRejectedNamingIt() {
        fake.discoveryDocument.remove("pushed_authorization_request_endpoint");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("pushed_authorization_request_endpoint"), e.getMessage());
    }

    @Test
    void answerWithoutRequestUriIsRejected() {
        parAnswers(201, "{\"expires_in\":60}");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("RFC 9126 2.2") && e.getMessage().contains("request_uri"), e.getMessage());
    }

    @Test
    void requestUriThatIsNotAString() {
        parAnswers(201, "{\"request_uri\":42,\"expires_in\":60}");
        assertThrows(ProviderRejectedException.class, () -> pushingProvider().authorizationRedirect(REQUEST));
    }

    @Test
    void relativeRequestUriIsRejected() {
        parAnswers(201, "{\"request_uri\":\"just-a-handle\",\"expires_in\":60}");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void answerWithoutExpiresInIsRejected() {
        parAnswers(201, "{\"request_uri\":\"" + REQUEST_URI + "\"}");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("RFC 9126 2.2") && e.getMessage().contains("expires_in"), e.getMessage());
    }

    @Test
    void expiresInThatIsNotAPositiveIntegerIsRejected() {
        for (String expiresIn : List.of("0", "-5", "1.5", "\"60\"", "null")) {
            parAnswers(201, "{\"request_uri\":\"" + REQUEST_URI + "\",\"expires_in\":" + expiresIn + "}");
            assertThrows(ProviderRejectedException.class, () -> pushingProvider().authorizationRedirect(REQUEST),
                    expiresIn);
        }
    }

    @Test
    void okInsteadOfCreatedIsRejected() {
        parAnswers(200, CREATED);
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("201"), e.getMessage());
    }

    @Test
    void errorAnswerNamesTheCodeButNotTheDescription() {
        parAnswers(400, "{\"error\":\"invalid_request\",\"error_description\":\"<b>secret detail</b>\"}");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("RFC 9126 2.3") && e.getMessage().contains("invalid_request"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret detail"), e.getMessage());
    }

    @Test
    void unauthenticatedClientIsRejected() {
        parAnswers(401, "{\"error\":\"invalid_client\"}");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
    }

    @Test
    void errorCodeWithControlCharactersIsNotRepeated() {
        parAnswers(400, "{\"error\":\"bad\\ncode\"}");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertFalse(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    void serverErrorMeansUnavailable() {
        parAnswers(500, "{\"error\":\"server_error\"}");
        assertThrows(ProviderUnavailableException.class, () -> pushingProvider().authorizationRedirect(REQUEST));
    }

    @Test
    void garbageAnswerMeansUnavailable() {
        parAnswers(201, "<html>oops");
        assertThrows(ProviderUnavailableException.class, () -> pushingProvider().authorizationRedirect(REQUEST));
    }

    @Test
    void oversizedAnswerMeansUnavailable() {
        parAnswers(201, "{\"request_uri\":\"" + "x".repeat(600 * 1024) + "\"}");
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> pushingProvider().authorizationRedirect(REQUEST));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void overlongRequestUriIsRejected() {
        parAnswers(201, "{\"request_uri\":\"urn:x:" + "x".repeat(3000) + "\",\"expires_in\":60}");
        assertThrows(ProviderRejectedException.class, () -> pushingProvider().authorizationRedirect(REQUEST));
    }

    @Test
    void clientWithoutAnyCredentialForTheBackChannelIsRejectedBeforeCalling() {
        // a FAPI 2.0 client whose private_key_jwt strategy is not available in this build has no authentication
        ClientSettings plain = TestSupport.settings(fake.issuer);
        ClientSettings settings = new ClientSettings(plain.issuer(), plain.clientId(), null, plain.scope(),
                plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), null,
                new ClientProtocol(null, TestSupport.ecClientKey(), null, true, false, false, null));
        OpenIdProvider provider = new OpenIdProvider(settings, TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
        parAnswers(201, CREATED);
        assertThrows(ProviderRejectedException.class, () -> provider.authorizationRedirect(REQUEST));
        assertEquals(0, fake.hits("/par"));
    }
}
