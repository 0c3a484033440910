package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionMethod;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.OpenIdProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logout stage's end-session method ({@code passage.end-session-method}), the ID token hint left out over plain
 * http, and revocation at logout (RFC 7009) after the local session has ended, never failing it.
 */
class LogoutMethodsTest {

    private static final URI END_SESSION = URI.create(StatelessStoresTest.ISSUER + "/logout");

    private final MutableClock clock = new MutableClock(StatelessStoresTest.T0);
    private final Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock);
    private final CallerStore callers = new HttpSessionCallerStore(logouts);
    private final ServletFakes.Session session = new ServletFakes.Session();
    private SignedInCaller caller;
    private FakeProvider fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private static SessionSettings sessions() {
        return new SessionSettings(false, CookieKeys.NONE, "", Duration.ofHours(12), (URI) null);
    }

    private static PassageSettings settings(String issuer, URI endSession, LogoutSettings logout) {
        return StatelessStoresTest.settings(issuer, sessions(), endSession).withLogout(logout);
    }

    /** Signs in, then logs out from the app's own page; answers what the logout stage sent. */
    private ServletFakes.Response signInAndLogOut(PassageSettings settings, OpenIdProvider provider)
            throws Exception {
        caller = StatelessStoresTest.passageCaller(StatelessStoresTest.T0);
        callers.establish(ServletFakes.request("/passage/callback").session(session).build(),
                new ServletFakes.Response().build(), caller);
        ServletFakes.Response response = new ServletFakes.Response();
        new Logout(settings, provider, callers).logout(ServletFakes.request("/passage/logout")
                .header("Sec-Fetch-Site", "same-origin").session(session).build(), response.build());
        assertTrue(signedOut(), "the local session ended");
        return response;
    }

    private boolean signedOut() {
        return callers.load(ServletFakes.request("/passage/logout").session(session).build()).isEmpty();
    }

    private static Map<String, String> query(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void onePlaceChoosesTheDeliveryOfEachMethod() {
        assertSame(FormPostEndSession.INSTANCE, EndSessionDelivery.of(EndSessionMethod.POST));
        assertSame(RedirectEndSession.INSTANCE, EndSessionDelivery.of(EndSessionMethod.GET));
        assertEquals(EndSessionMethod.POST, LogoutSettings.DEFAULT.endSessionMethod(), "post stays the default");
        assertTrue(LogoutSettings.DEFAULT.revokeTokensOnLogout());
    }

    @Test
    void postSendsTheAutoSubmittedFormAsBefore() throws Exception {
        ServletFakes.Response response = signInAndLogOut(settings(StatelessStoresTest.ISSUER, END_SESSION,
                LogoutSettings.DEFAULT), null);
        String body = response.body.toString();
        assertEquals(200, response.status);
        assertTrue(body.contains("method=\"post\" action=\"" + END_SESSION + "\""), body);
        assertTrue(body.contains("name=\"id_token_hint\" value=\"" + caller.tokens().getIdToken() + "\""), body);
        assertNull(response.header("Location"));
    }

    @Test
    void getRedirectsWithTheParametersInTheQuery() throws Exception {
        ServletFakes.Response response = signInAndLogOut(settings(StatelessStoresTest.ISSUER, END_SESSION,
                new LogoutSettings(EndSessionMethod.GET, true)), null);
        assertEquals(302, response.status);
        String location = response.header("Location");
        assertTrue(location.startsWith(END_SESSION + "?"), location);
        Map<String, String> query = query(location);
        assertEquals(List.of("id_token_hint", "client_id", "post_logout_redirect_uri", "state"),
                List.copyOf(query.keySet()));
        assertEquals(caller.tokens().getIdToken(), query.get("id_token_hint"));
        assertEquals("app-client-id", query.get("client_id"));
        assertEquals("https://app.example/app/", query.get("post_logout_redirect_uri"));
        assertEquals(43, query.get("state").length());
        assertEquals("no-referrer", response.header("Referrer-Policy"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertFalse(response.body.toString().contains("<form"));
    }

    @Test
    void overPlainHttpToAnotherHostNeitherMethodSendsTheIdToken() throws Exception {
        URI clear = URI.create("http://op.example/logout");
        ServletFakes.Response posted = signInAndLogOut(settings(StatelessStoresTest.ISSUER, clear,
                LogoutSettings.DEFAULT), null);
        String body = posted.body.toString();
        assertFalse(body.contains("id_token_hint"), body);
        assertFalse(body.contains(caller.tokens().getIdToken()));
        assertTrue(body.contains("name=\"client_id\" value=\"app-client-id\""), body);

        ServletFakes.Response redirected = signInAndLogOut(settings(StatelessStoresTest.ISSUER, clear,
                new LogoutSettings(EndSessionMethod.GET, true)), null);
        Map<String, String> query = query(redirected.header("Location"));
        assertFalse(query.containsKey("id_token_hint"), query.toString());
        assertEquals("app-client-id", query.get("client_id"));
    }

    /** A fake provider with a revocation endpoint that records each request and whether the user was still in. */
    private List<String> revokingProvider(int status, List<Boolean> signedOutWhenRevoked) throws Exception {
        fake = new FakeProvider();
        List<String> forms = new CopyOnWriteArrayList<>();
        fake.on("/.well-known/openid-configuration", FakeProvider.json(200, "{\"issuer\":\"" + fake.issuer
                + "\",\"authorization_endpoint\":\"" + fake.issuer + "/authorize\",\"token_endpoint\":\""
                + fake.issuer + "/token\",\"jwks_uri\":\"" + fake.issuer + "/jwks\",\"revocation_endpoint\":\""
                + fake.issuer + "/revoke\"}"));
        fake.on("/revoke", exchange -> {
            signedOutWhenRevoked.add(signedOut());
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] empty = new byte[0];
            exchange.sendResponseHeaders(status, empty.length == 0 ? -1 : empty.length);
        });
        return forms;
    }

    @Test
    void theTokensAreRevokedAfterTheLocalSessionEnded() throws Exception {
        List<Boolean> signedOutWhenRevoked = new CopyOnWriteArrayList<>();
        List<String> forms = revokingProvider(200, signedOutWhenRevoked);
        PassageSettings settings = settings(fake.issuer, END_SESSION, LogoutSettings.DEFAULT);
        ServletFakes.Response response = signInAndLogOut(settings, new OpenIdProvider(settings.client(), clock));
        assertEquals(2, forms.size(), forms.toString());
        assertTrue(forms.get(0).contains("token=" + caller.tokens().getRefreshToken().orElseThrow()));
        assertTrue(forms.get(0).contains("token_type_hint=refresh_token"));
        assertTrue(forms.get(1).contains("token_type_hint=access_token"));
        assertEquals(List.of(true, true), signedOutWhenRevoked, "the local session ended before");
        assertTrue(response.body.toString().contains("action=\"" + END_SESSION + "\""), "then on to the provider");
    }

    @Test
    void revocationCanBeTurnedOff() throws Exception {
        List<String> forms = revokingProvider(200, new CopyOnWriteArrayList<>());
        PassageSettings settings = settings(fake.issuer, END_SESSION,
                new LogoutSettings(EndSessionMethod.POST, false));
        signInAndLogOut(settings, new OpenIdProvider(settings.client(), clock));
        assertTrue(forms.isEmpty());
        assertEquals(0, fake.hits("/revoke"));
    }

    @Test
    void aFailingRevocationEndpointNeitherFailsNorChangesTheLogout() throws Exception {
        List<String> forms = revokingProvider(500, new CopyOnWriteArrayList<>());
        PassageSettings settings = settings(fake.issuer, END_SESSION, new LogoutSettings(EndSessionMethod.GET, true));
        ServletFakes.Response response = signInAndLogOut(settings, new OpenIdProvider(settings.client(), clock));
        assertEquals(2, forms.size());
        assertEquals(302, response.status);
        assertTrue(response.header("Location").startsWith(END_SESSION + "?"));
    }

    @Test
    void anUnreachableProviderNeitherFailsNorChangesTheLogout() throws Exception {
        revokingProvider(200, new CopyOnWriteArrayList<>());
        PassageSettings settings = settings(fake.issuer, END_SESSION, LogoutSettings.DEFAULT);
        OpenIdProvider provider = new OpenIdProvider(settings.client(), clock);
        fake.close();
        ServletFakes.Response response = signInAndLogOut(settings, provider);
        assertEquals(200, response.status);
        assertTrue(response.body.toString().contains("action=\"" + END_SESSION + "\""));
    }

    @Test
    void theAppsOwnSignOutEndsTheSessionThenRevokesWithoutAnEndSessionRequest() throws Exception {
        List<Boolean> signedOutWhenRevoked = new CopyOnWriteArrayList<>();
        List<String> forms = revokingProvider(200, signedOutWhenRevoked);
        PassageSettings settings = settings(fake.issuer, END_SESSION, LogoutSettings.DEFAULT);
        Logout logout = new Logout(settings, new OpenIdProvider(settings.client(), clock), callers);
        caller = StatelessStoresTest.passageCaller(StatelessStoresTest.T0);
        callers.establish(ServletFakes.request("/passage/callback").session(session).build(),
                new ServletFakes.Response().build(), caller);
        ServletFakes.Response response = new ServletFakes.Response();
        LocalSignOut.signOut(ServletFakes.request("/app/page").session(session).build(), response.build(), callers,
                signedIn -> java.util.Optional.of(logout));
        assertTrue(signedOut());
        assertEquals(List.of(true, true), signedOutWhenRevoked);
        assertEquals(2, forms.size());
        assertNull(response.header("Location"), "the app answers the browser");
        assertEquals("", response.body.toString());

        LocalSignOut.signOut(ServletFakes.request("/app/page").session(session).build(),
                new ServletFakes.Response().build(), callers, signedIn -> java.util.Optional.of(logout));
        assertEquals(2, forms.size(), "nobody signed in: nothing to revoke");
    }
}
