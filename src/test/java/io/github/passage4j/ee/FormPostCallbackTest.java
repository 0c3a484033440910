package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.passage4j.oidc.AuthorizationParameters;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ResponseMode;
import io.github.passage4j.oidc.TestSupport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code responseMode = form_post} at the glue: the binding cookie set at the start, the provider's cross-site POST
 * (which carries only {@code SameSite=None} cookies) relayed to a same-site POST, the sign-in completed by either
 * store, and each refusal: a GET response (burnt), another browser's replay, a tampered state, a forged relay, a
 * body too large or of the wrong type, plain http off loopback; and {@code query}'s refusal of a POST.
 */
class FormPostCallbackTest {

    private static final Clock CLOCK = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);
    private static final SignInOptions FORM_POST = new SignInOptions(AuthorizationParameters.NONE,
            SignInOptions.Userinfo.SKIP, ResponseMode.FORM_POST, StepUpRequirements.NONE);
    private static final SignInOptions QUERY = new SignInOptions(AuthorizationParameters.NONE,
            SignInOptions.Userinfo.SKIP, ResponseMode.QUERY, StepUpRequirements.NONE);

    private final FakeProvider fake;
    private final ProviderConnections connections = new ProviderConnections();
    private final Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(1), CLOCK), CLOCK);

    FormPostCallbackTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
    }

    @AfterEach
    void stop() {
        connections.close();
        fake.close();
    }

    /** A browser's cookies as this test needs them: value and SameSite, by name; Max-Age=0 deletes. */
    private static final class Jar {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> sameSite = new LinkedHashMap<>();
        final Map<String, String> setCookies = new LinkedHashMap<>();
        ServletFakes.Session session;

        void take(ServletFakes.Response response) {
            for (String header : response.headers("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                setCookies.put(name, header);
                if (header.contains("Max-Age=0")) {
                    values.remove(name);
                    continue;
                }
                values.put(name, pair.substring(pair.indexOf('=') + 1));
                Matcher site = Pattern.compile("(?i)SameSite=(\\w+)").matcher(header);
                sameSite.put(name, site.find() ? site.group(1).toLowerCase(Locale.ROOT) : "lax");
            }
        }

        /** What a cross-site POST carries: the SameSite=None cookies only, and no session (its cookie is Lax). */
        ServletFakes.Request crossSite(ServletFakes.Request request) {
            values.forEach((name, value) -> {
                if ("none".equals(sameSite.get(name))) {
                    request.cookie(name, value);
                }
            });
            return request;
        }

        /** What a same-site request carries: every cookie, and the session. */
        ServletFakes.Request sameSite(ServletFakes.Request request) {
            request.cookies(values);
            return request.session(session);
        }
    }

    private DefinitionStages stages(SignInOptions signIn, SignInStateStore states) {
        PassageSettings settings = new PassageSettings("", TestSupport.settings(fake.issuer), "/passage/callback",
                true, "sub", "", "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout",
                SessionSettings.DEFAULT, Set.of("RS256"), signIn);
        return new DefinitionStages(settings, GroupProviders.NONE, states, new HttpSessionCallerStore(logouts),
                logouts, CLOCK, connections);
    }

    private static HttpSessionSignInStateStore sessionStore() {
        return new HttpSessionSignInStateStore(CLOCK);
    }

    private static CookieSignInStateStore cookieStore() {
        return new CookieSignInStateStore(new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()),
                CLOCK), CLOCK, null);
    }

    /** Starts a sign-in in {@code jar}'s browser; the authorization request's parameters. */
    private static Map<String, String> start(DefinitionStages stages, Jar jar, ServletFakes.Request request)
            throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        stages.redirect.startRequested(jar.sameSite(request).build(), response.build());
        jar.session = request.session;
        jar.take(response);
        String location = response.header("Location");
        return location == null ? Map.of() : TestSupport.decodeForm(URI.create(location).getRawQuery());
    }

    private static Map<String, String> start(DefinitionStages stages, Jar jar) throws Exception {
        return start(stages, jar, ServletFakes.request("/passage/signin").parameter("return", "/app/account"));
    }

    private static ServletFakes.Request post(Map<String, String> fields) {
        ServletFakes.Request request = ServletFakes.request("/passage/callback").method("POST")
                .header("Content-Type", "application/x-www-form-urlencoded");
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> {
            request.parameter(name, value);
            body.append(name).append('=').append(value).append('&');
        });
        return request.body(body.toString());
    }

    private static ServletFakes.Response send(DefinitionStages stages, Jar jar, ServletFakes.Request request)
            throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        stages.callback.complete(request.build(), response.build());
        jar.take(response);
        return response;
    }

    /** The relay page's hidden fields. */
    private static Map<String, String> relayFields(ServletFakes.Response relay) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(relay.body.toString());
        while (input.find()) {
            fields.put(input.group(1), input.group(2));
        }
        return fields;
    }

    private void tokenEndpointAnswersFor(Map<String, String> sent) throws Exception {
        // the nonce is the one the provider was sent
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", fake.issuer);
        claims.put("sub", "user-42");
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        claims.put("nonce", sent.get("nonce"));
        String idToken = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
        fake.on("/token", FakeProvider.json(200, JSONObjectUtils.toJSONString(Map.of("access_token", "access-1",
                "token_type", "Bearer", "expires_in", 300, "id_token", idToken))));
    }

    /** The provider's auto-posted form, as its page would post it: from the provider's site. */
    private static Map<String, String> providerForm(Map<String, String> sent) {
        return new LinkedHashMap<>(Map.of("code", "code-1", "state", sent.get("state")));
    }

    private ServletFakes.Response signInCompletes(SignInStateStore states) throws Exception {
        DefinitionStages stages = stages(FORM_POST, states);
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        tokenEndpointAnswersFor(sent);

        ServletFakes.Response relay = send(stages, jar, jar.crossSite(post(providerForm(sent))));
        assertEquals(200, relay.status, relay.body.toString());
        assertTrue(relay.body.toString().contains("id=\"" + FormPostResponse.RELAY_FORM + "\""));
        assertTrue(relay.body.toString().contains("action=\"https://app.example/app/passage/callback\""));
        assertEquals("no-referrer", relay.header("Referrer-Policy"));
        assertEquals(0, fake.tokenRequests.size(), "nothing is redeemed before the relayed POST");
        Map<String, String> relayed = relayFields(relay);
        assertEquals(sent.get("state"), relayed.get("state"));
        assertEquals("code-1", relayed.get("code"));
        assertEquals("1", relayed.get(FormPostResponse.RELAYED));

        String sessionBefore = jar.session == null ? null : jar.session.id;
        ServletFakes.Response done = send(stages, jar, jar.sameSite(post(relayed)));
        assertEquals(302, done.status, done.body.toString());
        assertEquals("/app/account", done.header("Location"));
        assertEquals(1, fake.tokenRequests.size());
        String binding = FormPostResponse.cookieName(sent.get("state"));
        assertFalse(jar.values.containsKey(binding), "the binding cookie is cleared on use");
        assertTrue(jar.setCookies.get(binding).contains("Max-Age=0"));
        if (sessionBefore != null) {
            // session fixation: the sign-in gives the session a new id, after a posted callback too
            assertNotEquals(sessionBefore, jar.session.id);
        }
        return done;
    }

    @Test
    void theStartSendsFormPostAndSetsTheBindingCookie() throws Exception {
        Jar jar = new Jar();
        Map<String, String> sent = start(stages(FORM_POST, sessionStore()), jar);
        assertEquals("form_post", sent.get("response_mode"));
        String header = jar.setCookies.get(FormPostResponse.cookieName(sent.get("state")));
        assertTrue(header.startsWith(FormPostResponse.cookieName(sent.get("state")) + "=" + sent.get("state") + ";"),
                header);
        for (String attribute : List.of("; Path=/app/passage/callback;", "; Max-Age=600;", "; HttpOnly",
                "; Secure", "; SameSite=None")) {
            assertTrue(header.contains(attribute), attribute + " in " + header);
        }
        assertFalse(start(stages(QUERY, sessionStore()), new Jar()).containsKey("response_mode"));
    }

    @Test
    void aCrossSitePostCompletesTheSignInInSessionMode() throws Exception {
        signInCompletes(sessionStore());
    }

    @Test
    void aCrossSitePostCompletesTheSignInInStatelessMode() throws Exception {
        signInCompletes(cookieStore());
    }

    @Test
    void anotherBrowsersReplayIsRefusedBeforeAnyWork() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar victim = new Jar();
        Map<String, String> sent = start(stages, victim);
        tokenEndpointAnswersFor(sent);
        Jar attacker = new Jar();
        ServletFakes.Response refused = send(stages, attacker, attacker.crossSite(post(providerForm(sent))));
        assertEquals(401, refused.status);
        assertFalse(refused.body.toString().contains(sent.get("state")));
        assertFalse(refused.body.toString().contains("code-1"));
        // even posting as if relayed: no binding cookie, no further
        Map<String, String> forged = providerForm(sent);
        forged.put(FormPostResponse.RELAYED, "1");
        assertEquals(401, send(stages, attacker, attacker.sameSite(post(forged))).status);
        assertEquals(0, fake.tokenRequests.size());
    }

    @Test
    void aTamperedStateFindsNoBindingCookie() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        Map<String, String> tampered = providerForm(sent);
        tampered.put("state", sent.get("state") + "x");
        assertEquals(401, send(stages, jar, jar.crossSite(post(tampered))).status);
        assertEquals(0, fake.tokenRequests.size());
    }

    @Test
    void aRelayedPostWhoseAttemptTheStoreDoesNotKnowIsRefusedNotRelayedAgain() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        Map<String, String> relayed = providerForm(sent);
        relayed.put(FormPostResponse.RELAYED, "1");
        // the binding cookie, but not the session: a cross-site POST that claims to be the relay
        ServletFakes.Response refused = send(stages, jar, jar.crossSite(post(relayed)));
        assertEquals(401, refused.status);
        assertFalse(refused.body.toString().contains(FormPostResponse.RELAY_FORM));
        assertEquals(0, fake.tokenRequests.size());
    }

    @Test
    void aResponseInTheUrlIsRefusedAndItsAttemptBurnt() throws Exception {
        HttpSessionSignInStateStore states = sessionStore();
        DefinitionStages stages = stages(FORM_POST, states);
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        tokenEndpointAnswersFor(sent);
        ServletFakes.Response refused = send(stages, jar, jar.sameSite(ServletFakes.request("/passage/callback")
                .parameter("code", "code-1").parameter("state", sent.get("state"))));
        assertEquals(400, refused.status);
        assertEquals(0, fake.tokenRequests.size());
        // burnt: the proper POST that might follow finds no attempt any more
        assertTrue(states.consume(jar.sameSite(ServletFakes.request("/passage/callback")).build(),
                new ServletFakes.Response().build(), sent.get("state")).isEmpty());
        assertFalse(jar.values.containsKey(FormPostResponse.cookieName(sent.get("state"))));
    }

    @Test
    void aBodyOfAnotherTypeOrTooLargeIsRefusedUnread() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        ServletFakes.Request json = jar.crossSite(post(providerForm(sent)));
        json.headers.put("content-type", List.of("application/json"));
        assertEquals(415, send(stages, jar, json).status);
        ServletFakes.Request large = jar.crossSite(post(providerForm(sent)))
                .body("x".repeat((int) FormPostResponse.MAX_BODY_BYTES + 1));
        assertEquals(413, send(stages, jar, large).status);
        ServletFakes.Request put = jar.crossSite(post(providerForm(sent))).method("PUT");
        assertEquals(405, send(stages, jar, put).status);
        // the attempt is untouched: the real response still completes it
        assertEquals(200, send(stages, jar, jar.crossSite(post(providerForm(sent)))).status);
    }

    @Test
    void abandonedBindingCookiesBeyondTheCapAreClearedAtTheCallback() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar jar = new Jar();
        Map<String, String> sent = Map.of();
        for (int i = 0; i <= FormPostResponse.MAX_BINDINGS; i++) {
            sent = start(stages, jar);
        }
        String current = FormPostResponse.cookieName(sent.get("state"));
        assertEquals(FormPostResponse.MAX_BINDINGS + 1, jar.values.keySet().stream()
                .filter(name -> name.startsWith(FormPostResponse.COOKIE_BASE)).count());
        assertEquals(200, send(stages, jar, jar.crossSite(post(providerForm(sent)))).status);
        assertEquals(List.of(current), jar.values.keySet().stream()
                .filter(name -> name.startsWith(FormPostResponse.COOKIE_BASE)).toList(),
                "only the binding of the response at hand is kept");
    }

    @Test
    void upToTheCapTheBindingsOfOtherTabsStay() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar jar = new Jar();
        Map<String, String> first = start(stages, jar);
        Map<String, String> second = start(stages, jar);
        assertEquals(200, send(stages, jar, jar.crossSite(post(providerForm(second)))).status);
        assertTrue(jar.values.containsKey(FormPostResponse.cookieName(first.get("state"))));
    }

    @Test
    void plainHttpOffLoopbackCannotBindAndIsRefusedAtTheStart() throws Exception {
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar remote = new Jar();
        Map<String, String> sent = start(stages, remote, ServletFakes.request("/passage/signin")
                .origin("http", "app.example", 80));
        assertTrue(sent.isEmpty(), "no redirect to the provider");
        assertTrue(remote.values.isEmpty());
        Jar local = new Jar();
        assertEquals("form_post", start(stages, local, ServletFakes.request("/passage/signin")
                .origin("http", "localhost", 8080)).get("response_mode"));
    }

    @Test
    void queryRefusesAPostAndLeavesTheAttempt() throws Exception {
        HttpSessionSignInStateStore states = sessionStore();
        DefinitionStages stages = stages(QUERY, states);
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        ServletFakes.Response refused = send(stages, jar, jar.sameSite(post(providerForm(sent))));
        assertEquals(405, refused.status);
        assertEquals("GET", refused.header("Allow"));
        assertEquals(0, fake.tokenRequests.size());
        assertTrue(states.consume(jar.sameSite(ServletFakes.request("/passage/callback")).build(),
                new ServletFakes.Response().build(), sent.get("state")).isPresent());
    }

    @Test
    void aFormPostDefinitionWithoutBindingCookieNeverRedeemsTheCode() throws Exception {
        // the binding check, not the store, stops a cross-site POST whose browser lost the binding cookie
        DefinitionStages stages = stages(FORM_POST, sessionStore());
        Jar jar = new Jar();
        Map<String, String> sent = start(stages, jar);
        jar.values.remove(FormPostResponse.cookieName(sent.get("state")));
        assertNull(relayFields(send(stages, jar, jar.sameSite(post(providerForm(sent))))).get("state"));
    }
}
