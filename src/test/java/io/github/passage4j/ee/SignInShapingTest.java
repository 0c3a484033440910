package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.passage4j.oidc.AuthenticationRequirement;
import io.github.passage4j.oidc.AuthorizationParameters;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.TestSupport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in stages with extra parameters: a request's and the deployment's reach the provider, a protected or
 * invalid one is a 400, max_age and acr_values are enforced at the callback (OIDC Core 3.1.3.7 steps 12 and 13),
 * userinfo can be skipped, and a resource's step-up requirement sends a caller who falls short to sign in again.
 */
class SignInShapingTest {

    private static final Clock CLOCK = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);

    private final FakeProvider fake;
    private final ProviderConnections connections = new ProviderConnections();
    private final HttpSessionSignInStateStore states = new HttpSessionSignInStateStore(CLOCK);

    SignInShapingTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        fake.discoveryDocument.put("userinfo_endpoint", fake.issuer + "/userinfo");
        fake.on("/userinfo", FakeProvider.json(200, "{\"sub\":\"user-42\",\"email\":\"ada@example.com\"}"));
    }

    @AfterEach
    void stop() {
        connections.close();
        fake.close();
    }

    private DefinitionStages stages(SignInOptions signIn) {
        PassageSettings settings = new PassageSettings("", TestSupport.settings(fake.issuer), "/passage/callback",
                true, "sub", "", "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout",
                SessionSettings.DEFAULT, Set.of("RS256"), signIn);
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(1), CLOCK), CLOCK);
        return new DefinitionStages(settings, GroupProviders.NONE, states, new HttpSessionCallerStore(logouts),
                logouts, CLOCK, connections);
    }

    private static SignInOptions extra(Map<String, String> parameters, SignInOptions.Userinfo userinfo) {
        return new SignInOptions(AuthorizationParameters.ofSetting(parameters), userinfo);
    }

    private static Map<String, String> query(ServletFakes.Response response) {
        return TestSupport.decodeForm(URI.create(response.header("Location")).getRawQuery());
    }

    /** What the provider's ID token says of the user and how they authenticated; null leaves a claim out. */
    private record Authenticated(String sub, Long authTimeSecondsAgo, String acr) {

        static Authenticated at(Long authTimeSecondsAgo) {
            return new Authenticated("user-42", authTimeSecondsAgo, null);
        }
    }

    /** The token endpoint answers an ID token for {@code nonce}, for the user as authenticated. */
    private void tokenEndpointAnswers(String nonce, Authenticated user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", fake.issuer);
        claims.put("sub", user.sub());
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        claims.put("nonce", nonce);
        if (user.authTimeSecondsAgo() != null) {
            claims.put("auth_time", TestSupport.NOW.minusSeconds(user.authTimeSecondsAgo()).getEpochSecond());
        }
        if (user.acr() != null) {
            claims.put("acr", user.acr());
        }
        String idToken = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", "access-1");
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("id_token", idToken);
        fake.on("/token", FakeProvider.json(200, JSONObjectUtils.toJSONString(answer)));
    }

    /** Starts a sign-in with the request's parameters, and completes it at the callback; the callback's response. */
    private ServletFakes.Response signIn(DefinitionStages stages, Map<String, String> asked, Long authTimeSecondsAgo)
            throws Exception {
        ServletFakes.Request start = ServletFakes.request("/passage/signin");
        asked.forEach(start::parameter);
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.redirect.startRequested(start.build(), redirect.build());
        return complete(stages, start.session, redirect, Authenticated.at(authTimeSecondsAgo));
    }

    /** Completes at the callback the sign-in a redirect started in {@code session}; the callback's response. */
    private ServletFakes.Response complete(DefinitionStages stages, ServletFakes.Session session,
                                           ServletFakes.Response redirect, Authenticated user) throws Exception {
        Map<String, String> sent = query(redirect);
        // the state is looked at, to answer for its nonce, and put back for the callback to consume
        ServletFakes.Request peek = ServletFakes.request("/passage/callback").session(session);
        SignInState attempt = states.consume(peek.build(), new ServletFakes.Response().build(), sent.get("state"))
                .orElseThrow();
        states.save(peek.build(), new ServletFakes.Response().build(), attempt);
        tokenEndpointAnswers(attempt.nonce(), user);
        ServletFakes.Request callback = ServletFakes.request("/passage/callback").session(session)
                .parameter("state", sent.get("state")).parameter("code", "code-1");
        ServletFakes.Response response = new ServletFakes.Response();
        stages.callback.complete(callback.build(), response.build());
        return response;
    }

    @Test
    void aRequestsParametersReachTheProviderAndTheAttemptRemembersMaxAgeAndAcr() throws Exception {
        ServletFakes.Request request = ServletFakes.request("/passage/signin").parameter("prompt", "login")
                .parameter("max_age", "300").parameter("acr_values", "gold silver")
                .parameter("login_hint", "ada@example.com").parameter("return", "/app/account")
                .parameter("utm_source", "newsletter");
        ServletFakes.Response response = new ServletFakes.Response();
        stages(SignInOptions.DEFAULT).redirect.startRequested(request.build(), response.build());

        Map<String, String> sent = query(response);
        assertEquals("login", sent.get("prompt"));
        assertEquals("300", sent.get("max_age"));
        assertEquals("ada@example.com", sent.get("login_hint"));
        assertFalse(sent.containsKey("return"), "the app's own parameter stays with the app");
        assertFalse(sent.containsKey("utm_source"), "only the allow-list passes");
        SignInState attempt = states.consume(request.build(), new ServletFakes.Response().build(), sent.get("state"))
                .orElseThrow();
        assertEquals(300L, attempt.maxAge());
        assertEquals("gold silver", attempt.acrValues());
    }

    @Test
    void theDeploymentsParametersGoWithEverySignInAndARequestCannotReplaceThem() throws Exception {
        DefinitionStages stages = stages(extra(Map.of("prompt", "consent", "ui_locales", "de"),
                SignInOptions.Userinfo.AUTO));
        ServletFakes.Response plain = new ServletFakes.Response();
        stages.redirect.startRequested(ServletFakes.request("/passage/signin").build(), plain.build());
        assertEquals("consent", query(plain).get("prompt"));
        assertEquals("de", query(plain).get("ui_locales"));

        // a request adds its own, but the deployment's prompt stays: a link cannot weaken the deployment's choice
        ServletFakes.Response requested = new ServletFakes.Response();
        stages.redirect.startRequested(ServletFakes.request("/passage/signin").parameter("prompt", "none")
                .parameter("login_hint", "ada").build(), requested.build());
        assertEquals("consent", query(requested).get("prompt"));
        assertEquals("ada", query(requested).get("login_hint"));
        assertEquals("de", query(requested).get("ui_locales"));

        // a protected page's challenge sends the deployment's too
        ServletFakes.Response challenged = new ServletFakes.Response();
        stages.redirect.challenge(ServletFakes.request("/page").build(), challenged.build());
        assertEquals("consent", query(challenged).get("prompt"));
    }

    @Test
    void aProtectedParameterInTheRequestIsA400() throws Exception {
        for (String name : new String[] {"state", "nonce", "redirect_uri", "client_id", "scope", "code_challenge",
            "request_uri", "response_type"}) {
            ServletFakes.Response response = new ServletFakes.Response();
            stages(SignInOptions.DEFAULT).redirect.startRequested(ServletFakes.request("/passage/signin")
                    .parameter(name, "attacker").build(), response.build());
            assertEquals(400, response.status, name);
            assertNull(response.header("Location"), name);
            assertFalse(response.body.toString().contains("attacker"), "the value is not echoed");
        }
    }

    @Test
    void anInvalidOrRepeatedValueIsA400() throws Exception {
        for (String[] parameter : new String[][] {{"prompt", "none login"}, {"prompt", "again"}, {"max_age", "-1"},
            {"max_age", "soon"}, {"acr_values", "  "}, {"login_hint", "a\nb"}, {"login_hint", "x".repeat(513)}}) {
            ServletFakes.Response response = new ServletFakes.Response();
            stages(SignInOptions.DEFAULT).redirect.startRequested(ServletFakes.request("/passage/signin")
                    .parameter(parameter[0], parameter[1]).build(), response.build());
            assertEquals(400, response.status, parameter[0] + "=" + parameter[1]);
        }
        ServletFakes.Response repeated = new ServletFakes.Response();
        stages(SignInOptions.DEFAULT).redirect.startRequested(ServletFakes.request("/passage/signin")
                .parameter("prompt", "login", "consent").build(), repeated.build());
        assertEquals(400, repeated.status);
    }

    @Test
    void maxAgeSentMeansAuthTimeMustBeRecentEnough() throws Exception {
        DefinitionStages stages = stages(SignInOptions.DEFAULT);
        assertEquals(302, signIn(stages, Map.of("max_age", "300"), 20L).status);

        ProviderRejectedException tooOld = assertThrows(ProviderRejectedException.class,
                () -> signIn(stages, Map.of("max_age", "300"), 600L));
        assertTrue(tooOld.getMessage().startsWith("OIDC Core 3.1.3.7 step 13"), tooOld.getMessage());

        ProviderRejectedException missing = assertThrows(ProviderRejectedException.class,
                () -> signIn(stages, Map.of("max_age", "300"), null));
        assertTrue(missing.getMessage().contains("no auth_time"), missing.getMessage());
    }

    @Test
    void aStaticMaxAgeIsEnforcedToo() throws Exception {
        DefinitionStages stages = stages(extra(Map.of("max_age", "60"), SignInOptions.Userinfo.AUTO));
        assertThrows(ProviderRejectedException.class, () -> signIn(stages, Map.of(), 600L));
    }

    @Test
    void withoutMaxAgeAnOldOrMissingAuthTimeIsNoReasonToRefuse() throws Exception {
        DefinitionStages stages = stages(SignInOptions.DEFAULT);
        assertEquals(302, signIn(stages, Map.of(), null).status);
        assertEquals(302, signIn(stages, Map.of(), 86_400L).status);
    }

    @Test
    void userinfoSkipNeverCallsTheEndpoint() throws Exception {
        signIn(stages(extra(Map.of(), SignInOptions.Userinfo.SKIP)), Map.of(), null);
        assertEquals(0, fake.hits("/userinfo"));
        signIn(stages(SignInOptions.DEFAULT), Map.of(), null);
        assertEquals(1, fake.hits("/userinfo"));
    }

    private static SignInOptions stepUp(String pattern, String requirement) {
        return new SignInOptions(AuthorizationParameters.NONE, SignInOptions.Userinfo.AUTO,
                io.github.passage4j.oidc.ResponseMode.QUERY, new StepUpRequirements(Map.of(pattern, AuthenticationRequirement.of(
                        AuthorizationParameters.ofSetting(TestSupport.decodeForm(requirement))))));
    }

    @Test
    void acrValuesSentMeanTheAcrMustBeOneOfThem() throws Exception {
        DefinitionStages stages = stages(SignInOptions.DEFAULT);
        for (String acr : new String[] {"gold", "silver"}) {
            ServletFakes.Request start = ServletFakes.request("/passage/signin").parameter("acr_values", "gold silver");
            ServletFakes.Response redirect = new ServletFakes.Response();
            stages.redirect.startRequested(start.build(), redirect.build());
            assertEquals(302, complete(stages, start.session, redirect, new Authenticated("user-42", null, acr)).status);
        }
        for (String acr : new String[] {"bronze", null}) {
            ServletFakes.Request start = ServletFakes.request("/passage/signin").parameter("acr_values", "gold silver");
            ServletFakes.Response redirect = new ServletFakes.Response();
            stages.redirect.startRequested(start.build(), redirect.build());
            ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                    () -> complete(stages, start.session, redirect, new Authenticated("user-42", null, acr)));
            assertTrue(refused.getMessage().startsWith("OIDC Core 3.1.3.7 step 12"), refused.getMessage());
            assertNull(start.session.attributes.get(HttpSessionCallerStore.ATTRIBUTE), "nobody signed in");
        }
    }

    @Test
    void withoutAcrValuesAnyAcrIsAccepted() throws Exception {
        DefinitionStages stages = stages(SignInOptions.DEFAULT);
        ServletFakes.Request start = ServletFakes.request("/passage/signin");
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.redirect.startRequested(start.build(), redirect.build());
        assertEquals(302, complete(stages, start.session, redirect, new Authenticated("user-42", null, "bronze")).status);
    }

    /** Signs in without any acr; the session. */
    private ServletFakes.Session signedInWeakly(DefinitionStages stages) throws Exception {
        ServletFakes.Request start = ServletFakes.request("/passage/signin");
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.redirect.startRequested(start.build(), redirect.build());
        assertEquals(302, complete(stages, start.session, redirect, Authenticated.at(3600L)).status);
        return start.session;
    }

    private static SignedInCaller callerOf(ServletFakes.Session session) {
        return (SignedInCaller) session.attributes.get(HttpSessionCallerStore.ATTRIBUTE);
    }

    @Test
    void aBrowserThatFallsShortIsSentToSignInWithTheRequirementAndComesBackToThePage() throws Exception {
        DefinitionStages stages = stages(stepUp("/admin/*", "acr_values=gold&max_age=300"));
        ServletFakes.Session session = signedInWeakly(stages);
        session.attributes.put("cart", "the app's own");

        ServletFakes.Request page = ServletFakes.request("/admin/users").query("page=2").session(session);
        ServletFakes.Response redirect = new ServletFakes.Response();
        assertTrue(stages.stepUp.demand(page.build(), redirect.build(), callerOf(session),
                StepUp.Presentation.SESSION).isPresent());
        Map<String, String> sent = query(redirect);
        assertEquals("gold", sent.get("acr_values"));
        assertEquals("300", sent.get("max_age"));

        // the provider answers for the same user, strongly and recently: same session, the page again
        ServletFakes.Response back = complete(stages, session, redirect, new Authenticated("user-42", 5L, "gold"));
        assertEquals("/app/admin/users?page=2", back.redirect);
        assertEquals("the app's own", session.attributes.get("cart"), "the same user keeps the session");
        assertEquals("gold", callerOf(session).idTokenClaims().get("acr"));
        assertTrue(stages.stepUp.demand(page.build(), new ServletFakes.Response().build(), callerOf(session),
                StepUp.Presentation.SESSION).isEmpty(), "now the caller meets the requirement");
        // elsewhere nothing is required
        assertTrue(stages.stepUp.demand(ServletFakes.request("/shop").session(session).build(),
                new ServletFakes.Response().build(), callerOf(session), StepUp.Presentation.SESSION).isEmpty());
    }

    @Test
    void anotherUserComingBackFromTheStepUpGetsAnEmptySession() throws Exception {
        DefinitionStages stages = stages(stepUp("/admin/*", "acr_values=gold"));
        ServletFakes.Session session = signedInWeakly(stages);
        session.attributes.put("cart", "user-42's");
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.stepUp.demand(ServletFakes.request("/admin").session(session).build(), redirect.build(),
                callerOf(session), StepUp.Presentation.SESSION);

        fake.on("/userinfo", FakeProvider.json(200, "{\"sub\":\"mallory\"}"));
        complete(stages, session, redirect, new Authenticated("mallory", 5L, "gold"));
        assertEquals("mallory", callerOf(session).subject());
        assertNull(session.attributes.get("cart"), "one user's session attributes never reach another");
    }

    @Test
    void aProviderThatKeepsTheWeakerAcrDoesNotGrantTheStepUp() throws Exception {
        DefinitionStages stages = stages(stepUp("/admin/*", "acr_values=gold"));
        ServletFakes.Session session = signedInWeakly(stages);
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.stepUp.demand(ServletFakes.request("/admin").session(session).build(), redirect.build(),
                callerOf(session), StepUp.Presentation.SESSION);
        assertThrows(ProviderRejectedException.class,
                () -> complete(stages, session, redirect, new Authenticated("user-42", 5L, "bronze")));
        assertNull(callerOf(session).idTokenClaims().get("acr"), "the weak session stays as it was");
    }

    @Test
    void anApiCallOrTokenCallerThatFallsShortGetsRfc9470sChallenge() throws Exception {
        DefinitionStages stages = stages(stepUp("/api/payments/*", "acr_values=gold%20platinum&max_age=60"));
        ServletFakes.Session session = signedInWeakly(stages);
        String[][] cases = {{"SESSION", "Bearer"}, {"BEARER", "Bearer"}, {"DPOP", "DPoP"}};
        for (String[] each : cases) {
            ServletFakes.Response response = new ServletFakes.Response();
            stages.stepUp.demand(ServletFakes.request("/api/payments/7").header("Accept", "application/json")
                    .session(session).build(), response.build(), callerOf(session),
                    StepUp.Presentation.valueOf(each[0]));
            assertEquals(401, response.status, each[0]);
            String challenge = response.header("WWW-Authenticate");
            assertTrue(challenge.startsWith(each[1] + " "), challenge);
            assertTrue(challenge.contains("error=\"insufficient_user_authentication\""), challenge);
            assertTrue(challenge.contains("acr_values=\"gold platinum\""), challenge);
            assertTrue(challenge.contains("max_age=\"60\""), challenge);
            assertNull(response.header("Location"), "an API caller is never redirected");
        }
    }

    @Test
    void aBearerCallerIsJudgedByItsAccessTokensClaims() throws Exception {
        DefinitionStages stages = stages(stepUp("/api/*", "acr_values=gold&max_age=300"));
        long recently = TestSupport.NOW.minusSeconds(10).getEpochSecond();
        SignedInCaller strong = SignedInCaller.bearer(new io.github.passage4j.PassageProfile("user-42",
                Map.of("sub", "user-42", "acr", "gold", "auth_time", recently)), Set.of(), TestSupport.NOW, "");
        SignedInCaller stale = SignedInCaller.bearer(new io.github.passage4j.PassageProfile("user-42",
                Map.of("sub", "user-42", "acr", "gold", "auth_time", recently - 600)), Set.of(), TestSupport.NOW, "");
        ServletFakes.Request call = ServletFakes.request("/api/me");
        assertTrue(stages.stepUp.demand(call.build(), new ServletFakes.Response().build(), strong,
                StepUp.Presentation.BEARER).isEmpty());
        ServletFakes.Response refused = new ServletFakes.Response();
        assertTrue(stages.stepUp.demand(call.build(), refused.build(), stale, StepUp.Presentation.BEARER).isPresent());
        assertEquals(401, refused.status);
    }

    @Test
    void anAnonymousBrowserIsSentToSignInWithTheRequirement() throws Exception {
        DefinitionStages stages = stages(stepUp("/admin/*", "acr_values=gold"));
        ServletFakes.Request page = ServletFakes.request("/admin/users");
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.stepUp.anonymous(page.build(), redirect.build(), stages.stepUp.requirementOf(page.build()).orElseThrow());
        assertEquals("gold", query(redirect).get("acr_values"));
        ServletFakes.Response api = new ServletFakes.Response();
        stages.stepUp.anonymous(ServletFakes.request("/admin/users").header("Accept", "application/json").build(),
                api.build(), stages.stepUp.requirementOf(page.build()).orElseThrow());
        assertEquals(401, api.status);
    }

    @Test
    void theRequirementOverridesTheDeploymentsAcrValuesAndAStricterMaxAgeStays() throws Exception {
        AuthenticationRequirement requirement = AuthenticationRequirement.of(
                AuthorizationParameters.ofSetting(Map.of("acr_values", "gold", "max_age", "300")));
        AuthorizationParameters deployment = AuthorizationParameters.ofSetting(
                Map.of("acr_values", "bronze", "max_age", "60", "ui_locales", "de"));
        Map<String, String> sent = deployment.requiring(requirement).asMap();
        assertEquals("gold", sent.get("acr_values"));
        assertEquals("60", sent.get("max_age"));
        assertEquals("de", sent.get("ui_locales"));
        assertEquals("300", AuthorizationParameters.ofSetting(Map.of("max_age", "900")).requiring(requirement)
                .asMap().get("max_age"));
    }

    @Test
    void aProviderRefusingTheClientNamesTheSettingsToCheck() throws Exception {
        DefinitionStages stages = stages(SignInOptions.DEFAULT);
        ServletFakes.Request start = ServletFakes.request("/passage/signin");
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.redirect.startRequested(start.build(), redirect.build());
        ServletFakes.Request callback = ServletFakes.request("/passage/callback").session(start.session)
                .parameter("state", query(redirect).get("state")).parameter("code", "code-1");
        fake.on("/token", FakeProvider.json(401, "{\"error\":\"invalid_client\"}"));
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> stages.callback.complete(callback.build(), new ServletFakes.Response().build()));
        assertTrue(refused.getMessage().contains("passage.client-secret / PASSAGE_CLIENT_SECRET"), refused.getMessage());
    }
}
