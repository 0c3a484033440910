package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OIDC Core 3.1.2.1: the extra parameters reach the provider by every delivery: query, pushed request, request object. */
class ExtraAuthorizationParametersTest {

    private static final AuthorizationParameters EXTRA = AuthorizationParameters.ofRequest(Map.of("prompt", "login",
            "max_age", "300", "login_hint", "ada@example.com"));
    private static final AuthorizationRequest REQUEST = new AuthorizationRequest(URI.create("https://app.example/cb"),
            "state-1", "nonce-1", "challenge-1", null, EXTRA);

    private final FakeProvider fake;
    private final List<String> pushes;

    ExtraAuthorizationParametersTest() throws Exception {
        fake = new FakeProvider();
        pushes = fake.acceptPushedRequests();
    }

    @AfterEach
    void stop() {
        fake.close();
    }


    @Test
    void inTheQueryBesideTheLibrarysOwn() throws Exception {
        Map<String, String> query = TestSupport.decodeForm(TestSupport.provider(fake).authorizationRedirect(REQUEST)
                .getRawQuery());
        assertEquals("login", query.get("prompt"));
        assertEquals("300", query.get("max_age"));
        assertEquals("ada@example.com", query.get("login_hint"));
        assertEquals("state-1", query.get("state"));
        assertEquals("openid email", query.get("scope"));
    }

    @Test
    void inThePushedRequest() throws Exception {
        TestSupport.provider(fake,
                new ClientProtocol(null, null, null, true, false, false, SecurityProfile.OPENID_CONNECT))
                .authorizationRedirect(REQUEST);
        Map<String, String> form = TestSupport.decodeForm(pushes.get(0));
        assertEquals("login", form.get("prompt"));
        assertEquals("300", form.get("max_age"));
        assertEquals("nonce-1", form.get("nonce"));
    }

    @Test
    void inTheSignedRequestObjectWithMaxAgeAsANumber() throws Exception {
        URI redirect = TestSupport.provider(fake,
                new ClientProtocol(null, TestSupport.ecClientKey(), null, false, false, true,
                SecurityProfile.OPENID_CONNECT)).authorizationRedirect(REQUEST);
        Map<String, String> query = TestSupport.decodeForm(redirect.getRawQuery());
        assertFalse(query.containsKey("prompt"), "the object, not the query, carries it");
        Map<String, Object> claims = TestSupport.rawPayload(query.get("request"));
        assertEquals("login", claims.get("prompt"));
        // OIDC Core 6.1: max_age is a JSON number in the request object
        assertEquals(300L, ((Number) claims.get("max_age")).longValue());
        assertFalse(claims.get("max_age") instanceof String);
        assertEquals("ada@example.com", claims.get("login_hint"));
    }

    @Test
    void withoutExtraParametersNoneIsSent() throws Exception {
        Map<String, String> query = TestSupport.decodeForm(TestSupport.provider(fake).authorizationRedirect(
                new AuthorizationRequest(URI.create("https://app.example/cb"), "s", "n", "c")).getRawQuery());
        assertFalse(query.containsKey("prompt"));
        assertFalse(query.containsKey("max_age"));
    }
}
