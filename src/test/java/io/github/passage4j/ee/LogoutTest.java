package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logout stage with a real session store over the shared servlet fakes: which requests end the session at once,
 * and which get the confirmation page instead (every combination of method, Fetch Metadata, Origin and proof).
 */
class LogoutTest {

    private static final URI END_SESSION = URI.create(StatelessStoresTest.ISSUER + "/logout");

    private final MutableClock clock = new MutableClock(StatelessStoresTest.T0);
    private final Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock);
    private final CallerStore callers = new HttpSessionCallerStore(logouts);
    private ServletFakes.Session session = new ServletFakes.Session();
    private SignedInCaller caller;

    private Logout logout(URI baseUrl) {
        SessionSettings sessions = new SessionSettings(false, CookieKeys.NONE, "", Duration.ofHours(12), baseUrl);
        // the end-session endpoint is configured: no provider is asked for its metadata
        return new Logout(StatelessStoresTest.settings(StatelessStoresTest.ISSUER, sessions, END_SESSION), null,
                callers);
    }

    /** Signs in afresh, in a new session. */
    private void signIn() throws Exception {
        session = new ServletFakes.Session();
        caller = StatelessStoresTest.passageCaller(StatelessStoresTest.T0);
        callers.establish(ServletFakes.request("/passage/callback").session(session).build(),
                new ServletFakes.Response().build(), caller);
    }

    /** A request to the logout path, in the current session (set again when {@link #signIn} starts a new one). */
    private ServletFakes.Request logoutRequest(String method) {
        return ServletFakes.request("/passage/logout").method(method).session(session);
    }

    private ServletFakes.Response answer(ServletFakes.Request request) {
        ServletFakes.Response response = new ServletFakes.Response();
        logout(null).logout(request.build(), response.build());
        return response;
    }

    /** Signs in, sends the request, and tells whether it ended the session (else it must have asked to confirm). */
    private boolean endsTheSession(ServletFakes.Request request) throws Exception {
        signIn();
        ServletFakes.Response response = answer(request.session(session));
        String body = response.body.toString();
        // a logout empties the session rather than invalidating it inside the mechanism (HttpSessionCallerStore)
        if (callers.load(logoutRequest("GET").build()).isEmpty()) {
            assertTrue(body.contains("name=\"id_token_hint\""), "on to the provider: " + body);
            assertTrue(body.contains("action=\"" + END_SESSION + "\""), body);
            return true;
        }
        assertEquals(200, response.status);
        assertTrue(body.contains("id=\"" + Responses.LOGOUT_CONFIRMATION_FORM + "\""), "asks to confirm: " + body);
        assertTrue(body.contains("action=\"https://app.example/app/passage/logout\""), body);
        assertTrue(body.contains("name=\"" + Logout.CONFIRMATION_FIELD + "\" value=\""
                + Logout.confirmationToken(caller) + "\""), body);
        assertFalse(body.contains(caller.tokens().getIdToken()), "no token on the page");
        assertFalse(body.contains(caller.sessionKey()), "the session key is not shown, only a hash of it");
        assertEquals("no-store", response.header("Cache-Control"));
        assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", response.header("X-Frame-Options"));
        assertTrue(callers.load(logoutRequest("GET").build()).isPresent(), "still signed in");
        return false;
    }

    @Test
    void theAppsOwnPagesAndTheUserSignOutAtOnce() throws Exception {
        assertTrue(endsTheSession(logoutRequest("GET").header("Sec-Fetch-Site", "same-origin")));
        assertTrue(endsTheSession(logoutRequest("POST").header("Sec-Fetch-Site", "same-origin")));
        assertTrue(endsTheSession(logoutRequest("GET").header("Sec-Fetch-Site", "none")), "a typed URL");
        assertTrue(endsTheSession(logoutRequest("GET").header("Origin", "https://app.example")));
        assertTrue(endsTheSession(logoutRequest("POST").header("Origin", "https://app.example")));
    }

    @Test
    void anotherSiteOrABrowserThatSaysNothingGetsTheConfirmationPage() throws Exception {
        assertFalse(endsTheSession(logoutRequest("GET").header("Sec-Fetch-Site", "cross-site")));
        assertFalse(endsTheSession(logoutRequest("GET").header("Sec-Fetch-Site", "same-site")));
        assertFalse(endsTheSession(logoutRequest("POST").header("Sec-Fetch-Site", "cross-site")));
        assertFalse(endsTheSession(logoutRequest("POST").header("Sec-Fetch-Site", "none")), "typed, yet a POST");
        assertFalse(endsTheSession(logoutRequest("GET").header("Origin", "https://attacker.example")));
        assertFalse(endsTheSession(logoutRequest("POST").header("Origin", "null")));
        assertFalse(endsTheSession(logoutRequest("GET")), "no Fetch Metadata, no Origin: a link of an old browser");
        assertFalse(endsTheSession(logoutRequest("POST")));
    }

    @Test
    void theConfirmationsProofSignsOutOnlyWithoutContraryEvidence() throws Exception {
        signIn();
        String proof = Logout.confirmationToken(caller);
        assertTrue(endsTheSession(logoutRequest("POST").parameter(Logout.CONFIRMATION_FIELD, proof)),
                "an old browser posting the confirmation");
        assertTrue(endsTheSession(logoutRequest("POST").header("Sec-Fetch-Site", "none")
                .parameter(Logout.CONFIRMATION_FIELD, proof)));
        assertFalse(endsTheSession(logoutRequest("POST").parameter(Logout.CONFIRMATION_FIELD, "guessed")));
        assertFalse(endsTheSession(logoutRequest("POST").parameter(Logout.CONFIRMATION_FIELD, proof, proof)));
        assertFalse(endsTheSession(logoutRequest("GET").parameter(Logout.CONFIRMATION_FIELD, proof)),
                "never by a GET, whose URL could carry a copied proof");
        assertFalse(endsTheSession(logoutRequest("POST").header("Sec-Fetch-Site", "cross-site")
                .parameter(Logout.CONFIRMATION_FIELD, proof)), "another site said so: the proof does not override");
    }

    @Test
    void theProofIsPerSession() throws Exception {
        signIn();
        String first = Logout.confirmationToken(caller);
        SignedInCaller other = new SignedInCaller(caller.profile(), caller.groups(), caller.tokens(),
                caller.idTokenClaims(), caller.signedInAt(), "", "another-random-session-key");
        assertFalse(first.equals(Logout.confirmationToken(other)));
        assertEquals(43, first.length(), "a SHA-256, base64url");
    }

    @Test
    void withoutASessionThereIsNothingToConfirm() {
        ServletFakes.Response response = answer(logoutRequest("GET").header("Sec-Fetch-Site", "cross-site"));
        assertEquals(302, response.status);
        assertEquals("https://app.example/app/", response.header("Location"));
    }

    @Test
    void behindAProxyTheBaseUrlMakesThePostLogoutUriTheConfirmationAndTheOrigin() throws Exception {
        URI external = URI.create("https://app.example.com");
        signIn();
        ServletFakes.Response confirm = new ServletFakes.Response();
        logout(external).logout(ServletFakes.request("/passage/logout").origin("http", "10.0.0.5", 8080)
                .session(session).header("Origin", "http://10.0.0.5:8080").build(), confirm.build());
        assertTrue(callers.load(logoutRequest("GET").build()).isPresent(), "the internal origin is not the app's");
        assertTrue(confirm.body.toString().contains("action=\"https://app.example.com/app/passage/logout\""),
                confirm.body.toString());

        ServletFakes.Response out = new ServletFakes.Response();
        logout(external).logout(ServletFakes.request("/passage/logout").origin("http", "10.0.0.5", 8080)
                .session(session).header("Origin", "https://app.example.com").build(), out.build());
        assertTrue(callers.load(logoutRequest("GET").build()).isEmpty(), "signed out");
        assertTrue(out.body.toString()
                .contains("name=\"post_logout_redirect_uri\" value=\"https://app.example.com/app/\""),
                out.body.toString());
        assertNull(out.header("Location"));
    }

    @Test
    void anOversizedCrossSitePostIsRefusedUnread() throws Exception {
        signIn();
        ServletFakes.Response response = answer(logoutRequest("POST").header("Sec-Fetch-Site", "cross-site")
                .body("x".repeat(Responses.DRAIN_LIMIT + 1)));
        assertEquals(400, response.status);
        assertFalse(session.invalidated);
    }
}
