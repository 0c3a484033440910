package io.github.passage4j.it.hostile;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.Fault;
import io.github.passage4j.provider.HostileCase;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.provider.RecordedRequest;
import io.github.passage4j.testkit.PassageBrowser;
import io.github.passage4j.testkit.PostedForm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile provider and a hostile browser against one deployed app: every {@link HostileCase} of the local provider
 * (one test each, named after the case), attacks on the authorization response ({@code state}, code, error, size and
 * repetition of parameters), the session, open redirects, provider faults, and what the app's answers and URLs may
 * carry.
 *
 * <p>A refused sign-in ends with no session (the next request for the page starts a new sign-in), UserInfo not asked
 * (except where the case is UserInfo's answer), and a clean {@code 401}/{@code 400} page that is never cached and
 * shows no stack trace, token or code. An accepted one lands on the page first asked for, as the user. A provider
 * fault gets a clean {@code 503} within the read timeout, and sign-in works again as soon as the provider does.
 *
 * <p>The app is deployed once and keeps what it learnt: discovery once it succeeded, the JWKS until an unknown
 * {@code kid} makes it fetch again (at most once per {@value #JWKS_REFETCH_WINDOW_SECONDS} s), and a failed fetch
 * for a {@value #FAILURE_BACKOFF_MILLIS} ms back-off. So some methods run in a fixed order, each leaving the app as
 * the next expects it: the lying discovery document first (before the app ever discovered), then the JWKS outages
 * (before it ever had the JWKS), then the first JWKS fetch ({@link HostileCase#KID_ABSENT_SEVERAL_KEYS}, whose decoy
 * keys are so really fetched) and the key rotation (the first refetch); all other methods in between; and last the
 * unparseable JWKS (fetched once the refetch window allows it), the storm of unknown {@code kid}s and the check of
 * every {@code Location} the app sent.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileProviderIT {

    private static final WebXml WEB_XML = WebXml.protecting("/*");

    /** The library's minimum time between two JWKS fetches caused by unknown keys (Tuning.DEFAULT). */
    static final int JWKS_REFETCH_WINDOW_SECONDS = 30;
    /** How long the library remembers a failed discovery or JWKS fetch (Tuning.DEFAULT). */
    static final int FAILURE_BACKOFF_MILLIS = 2000;
    /** Longer than the back-off and the read timeout, with room to spare. */
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);
    /** What a loaded 2-core machine may add to a request beyond the app's own timeouts. */
    private static final Duration BUSY_MACHINE_MARGIN = Duration.ofSeconds(20);
    /** The library's bound on a response parameter (AuthorizationCallback.MAX_PARAMETER_LENGTH). */
    private static final int MAX_PARAMETER_LENGTH = 4096;
    private static final int STORM_SIGN_INS = 6;
    /** A JWT: header and payload are base64url JSON objects. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.");

    /** When the refetch of {@link #signingKeyRotatedIsAccepted()} was over ({@link System#nanoTime()}), or 0. */
    private static volatile long rotationRefetchedBy;

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        return Deployments.war("hostile")
                .addClasses(HostileDefinition.class, HostilePageServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    @AfterEach
    void resetProvider() {
        // also lets go of any request still held by a hang
        provider.behaviour().reset();
    }

    /**
     * Leaves the codes, PKCE verifiers, states, nonces and access tokens the provider saw (from this and earlier
     * classes of this JVM) where {@code LogHygieneIT} looks for them in the server log, once all suites ran.
     */
    @AfterAll
    static void writeSeenValues() throws IOException {
        LocalPassageProvider provider = TestProvider.get();
        provider.behaviour().reset();
        String file = System.getProperty("passage.it.seen.values", "");
        if (file.isBlank() || file.startsWith("${")) {
            return;
        }
        Set<String> values = new TreeSet<>();
        for (RecordedRequest token : provider.requests(Endpoint.TOKEN)) {
            Stream.of(token.parameter("code"), token.parameter("code_verifier"), token.parameter("refresh_token"))
                    .filter(Objects::nonNull).forEach(values::add);
        }
        for (RecordedRequest authorize : provider.requests(Endpoint.AUTHORIZE)) {
            Stream.of(authorize.parameter("state"), authorize.parameter("nonce"))
                    .filter(Objects::nonNull).forEach(values::add);
        }
        for (RecordedRequest userinfo : provider.requests(Endpoint.USERINFO)) {
            Optional.ofNullable(bearerToken(userinfo)).ifPresent(values::add);
        }
        Path path = Path.of(file);
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.write(path, values, StandardCharsets.UTF_8);
    }

    // ================================================================== the cases that need a fixed order

    @Test
    @Order(1)
    @Covers(HostileCase.DISCOVERY_ISSUER_MISMATCH)
    void discoveryIssuerMismatchIsRefused() {
        HostileCase.DISCOVERY_ISSUER_MISMATCH.applyTo(provider);
        Counts before = counts();
        AppBrowser browser = new AppBrowser();
        HttpResponse<String> page = browser.get(app("protected"));
        Counts after = counts();
        assertEquals(before.discovery() + 1, after.discovery(), "this must be the app's first discovery (the app "
                + "keeps a discovery that succeeded, so this method runs first)");
        // refused before the browser is ever sent to a provider that names another issuer
        assertCleanRefusal(page, null);

        // the refused document is remembered for the library's short back-off only: then it discovers again
        provider.behaviour().reset();
        HttpResponse<String> challenge = awaitAnswer(() -> browser.get(app("protected")),
                answer -> answer.statusCode() != 401, answer -> assertCleanRefusal(answer, null));
        assertSignInStarts(challenge);
    }

    @Test
    @Order(2)
    void jwksEndpointDownGetsA503Page() throws IOException {
        assertJwksFaultGets503(Fault.serverError(), Duration.ZERO);
    }

    @Test
    @Order(3)
    void jwksEndpointAnsweringGarbageGetsA503Page() throws IOException {
        assertJwksFaultGets503(Fault.garbage(), Duration.ZERO);
    }

    @Test
    @Order(4)
    void jwksEndpointHangingIsGivenUpOnWithinTheReadTimeout() throws IOException {
        assertJwksFaultGets503(Fault.hang(), Duration.ofMillis(HostileDefinition.READ_TIMEOUT_MILLIS));
    }

    /**
     * The app's first successful JWKS fetch happens here, so the decoy keys the case publishes are really fetched and
     * tried. It follows the JWKS outages above: sign-in works again as soon as the endpoint is back, no redeploy.
     */
    @Test
    @Order(5)
    @Covers(HostileCase.KID_ABSENT_SEVERAL_KEYS)
    void kidAbsentWithSeveralKeysIsAccepted() throws IOException {
        HostileCase.KID_ABSENT_SEVERAL_KEYS.applyTo(provider);
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (true) {
            AppBrowser browser = new AppBrowser();
            URI callback = loginAt(browser, app("protected?case=KID_ABSENT_SEVERAL_KEYS"));
            Counts before = counts();
            HttpResponse<String> answer = browser.get(callback);
            Counts after = counts();
            if (after.jwks() == before.jwks() && answer.statusCode() == 503) {
                // the last outage is remembered for the back-off: the app answered without asking
                assertCleanUnavailablePage(answer);
                assertTrue(System.nanoTime() < deadline, "the JWKS back-off never ended: " + answer.body());
                sleep(Duration.ofMillis(250));
                continue;
            }
            assertEquals(before.jwks() + 1, after.jwks(), "the app fetches the JWKS, once, right after the outage");
            assertSignedInRedirect(answer, app("protected?case=KID_ABSENT_SEVERAL_KEYS"));
            assertSignedInAs(browser.get(PassageBrowser.location(answer)), TestProvider.ALICE);
            return;
        }
    }

    @Test
    @Order(6)
    @Covers(HostileCase.SIGNING_KEY_ROTATED)
    void signingKeyRotatedIsAccepted() throws IOException {
        // the app must have the JWKS of the old key when the provider rotates
        assertSignedInAs(signIn(new AppBrowser(), app("protected?before=rotation")), TestProvider.ALICE);
        String oldKid = provider.signingKey().getKeyID();
        HostileCase.SIGNING_KEY_ROTATED.applyTo(provider);
        Counts before = counts();
        HttpResponse<String> page = signIn(new AppBrowser(), app("protected?case=SIGNING_KEY_ROTATED"));
        Counts after = counts();
        rotationRefetchedBy = System.nanoTime();
        assertNotEquals(oldKid, provider.signingKey().getKeyID(), "the provider rotated at the token request");
        assertSignedInAs(page, TestProvider.ALICE);
        assertEquals(before.jwks() + 1, after.jwks(), "the unknown kid makes the app fetch the JWKS again, once");
    }

    /**
     * Runs once the JWKS refetch window since {@link #signingKeyRotatedIsAccepted()} is over (waiting out what is left
     * of it), after rotating the signing key: so the token's {@code kid} is unknown to the app, which must fetch the
     * JWKS while the case serves it with its unusable entries.
     */
    @Test
    @Order(Order.DEFAULT + 1)
    @Covers(HostileCase.JWKS_WITH_UNPARSEABLE_KEYS)
    void jwksWithUnparseableKeysIsAccepted() throws IOException {
        if (rotationRefetchedBy != 0) {
            // rotationRefetchedBy is taken after the app's refetch: the window is over by then, plus a margin of a few
            // seconds (the app reads the wall clock, this test the monotonic one)
            long windowOver = rotationRefetchedBy + Duration.ofSeconds(JWKS_REFETCH_WINDOW_SECONDS).toNanos()
                    + Duration.ofSeconds(3).toNanos();
            sleep(Duration.ofNanos(Math.max(0, windowOver - System.nanoTime())));
        }
        provider.rotateSigningKey();
        HostileCase.JWKS_WITH_UNPARSEABLE_KEYS.applyTo(provider);
        Counts before = counts();
        HttpResponse<String> page = signIn(new AppBrowser(), app("protected?case=JWKS_WITH_UNPARSEABLE_KEYS"));
        Counts after = counts();
        assertSignedInAs(page, TestProvider.ALICE);
        assertEquals(before.jwks() + 1, after.jwks(), "the JWKS with the unusable entries was fetched and used");
    }

    /** Tokens with made-up {@code kid}s, one sign-in after the other: refused, and at most one JWKS fetch per window. */
    @Test
    @Order(Order.DEFAULT + 2)
    void unknownKidStormCausesAtMostOneJwksFetchPerWindow() throws IOException {
        int jwksBefore = provider.jwksRequests();
        long start = System.nanoTime();
        for (int i = 0; i < STORM_SIGN_INS; i++) {
            String kid = "unknown-" + UUID.randomUUID();
            provider.behaviour().reset().idTokenHeader(header -> header.keyID(kid));
            AppBrowser browser = new AppBrowser();
            URI callback = loginAt(browser, app("protected"));
            Counts before = counts();
            HttpResponse<String> answer = browser.get(callback);
            assertCleanRefusal(answer, callback);
            assertEquals(before.userinfo(), counts().userinfo(), "UserInfo is not asked for a refused token");
            provider.behaviour().reset();
            assertNotSignedIn(browser);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int fetches = provider.jwksRequests() - jwksBefore;
        long windows = 1 + took.toSeconds() / JWKS_REFETCH_WINDOW_SECONDS;
        assertTrue(fetches <= windows, STORM_SIGN_INS + " sign-ins with unknown kids in " + took + " made " + fetches
                + " JWKS fetches; at most one per " + JWKS_REFETCH_WINDOW_SECONDS + " s window is allowed");
    }

    /**
     * Every {@code Location} the app sent during this class: none holds the client secret, a PKCE verifier, an
     * authorization code or an access token the provider saw, nor any JWT (the ID token goes to the end-session
     * endpoint in a form POST, never in a URL).
     */
    @Test
    @Order(Order.DEFAULT + 3)
    void noLocationTheAppSentCarriesASecretVerifierCodeOrToken() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(clientSecret(), "the client secret");
        for (RecordedRequest token : provider.requests(Endpoint.TOKEN)) {
            Optional.ofNullable(token.parameter("code_verifier")).ifPresent(v -> secrets.put(v, "a PKCE verifier"));
            Optional.ofNullable(token.parameter("code")).ifPresent(v -> secrets.put(v, "an authorization code"));
        }
        for (RecordedRequest userinfo : provider.requests(Endpoint.USERINFO)) {
            Optional.ofNullable(bearerToken(userinfo)).ifPresent(v -> secrets.put(v, "an access token"));
        }
        assertTrue(secrets.size() > 10, "the provider saw this class's sign-ins: " + secrets.size());
        int locations = 0;
        for (HttpResponse<String> answer : AppBrowser.answers()) {
            if (!answer.uri().toString().startsWith(Deployments.base(base, "hostile").toString())) {
                continue; // the provider's answers (its redirect to the callback carries the code, as it must)
            }
            Optional<String> location = answer.headers().firstValue("Location");
            if (location.isEmpty()) {
                continue;
            }
            locations++;
            String raw = location.get();
            String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            secrets.forEach((value, what) -> assertFalse(raw.contains(value) || decoded.contains(value),
                    answer.uri().getPath() + " redirected with " + what + " in its Location"));
            assertFalse(JWT.matcher(raw).find() || JWT.matcher(decoded).find(),
                    answer.uri().getPath() + " redirected with a token in its Location");
        }
        assertTrue(locations > 50, "this class saw the app's redirects: " + locations);
    }

    @Test
    void everyHostileCaseHasItsOwnTest() {
        Map<HostileCase, String> covered = new EnumMap<>(HostileCase.class);
        for (Method method : HostileProviderIT.class.getDeclaredMethods()) {
            Covers covers = method.getAnnotation(Covers.class);
            if (covers != null) {
                assertTrue(method.isAnnotationPresent(Test.class), method.getName());
                String other = covered.put(covers.value(), method.getName());
                assertEquals(null, other, covers.value() + " is covered twice");
            }
        }
        for (HostileCase hostile : HostileCase.values()) {
            assertTrue(covered.containsKey(hostile), hostile + " has no test");
        }
    }

    // ================================================================== HostileCase: refused

    @Test
    @Covers(HostileCase.ID_TOKEN_ISSUER_MISMATCH)
    void idTokenIssuerMismatchIsRefused() throws IOException {
        assertRefused(HostileCase.ID_TOKEN_ISSUER_MISMATCH);
    }

    @Test
    @Covers(HostileCase.ID_TOKEN_SUB_MISSING)
    void idTokenSubMissingIsRefused() throws IOException {
        assertRefused(HostileCase.ID_TOKEN_SUB_MISSING);
    }

    @Test
    @Covers(HostileCase.ID_TOKEN_AUD_WRONG)
    void idTokenAudWrongIsRefused() throws IOException {
        assertRefused(HostileCase.ID_TOKEN_AUD_WRONG);
    }

    @Test
    @Covers(HostileCase.ID_TOKEN_AUD_MISSING)
    void idTokenAudMissingIsRefused() throws IOException {
        assertRefused(HostileCase.ID_TOKEN_AUD_MISSING);
    }

    @Test
    @Covers(HostileCase.ID_TOKEN_IAT_MISSING)
    void idTokenIatMissingIsRefused() throws IOException {
        assertRefused(HostileCase.ID_TOKEN_IAT_MISSING);
    }

    @Test
    @Covers(HostileCase.ALG_NONE_WITH_AT_HASH)
    void algNoneWithAtHashIsRefused() throws IOException {
        assertRefused(HostileCase.ALG_NONE_WITH_AT_HASH);
    }

    @Test
    @Covers(HostileCase.ALG_NONE_WITHOUT_AT_HASH)
    void algNoneWithoutAtHashIsRefused() throws IOException {
        assertRefused(HostileCase.ALG_NONE_WITHOUT_AT_HASH);
    }

    @Test
    @Covers(HostileCase.BAD_SIGNATURE)
    void badSignatureIsRefused() throws IOException {
        assertRefused(HostileCase.BAD_SIGNATURE);
    }

    @Test
    @Covers(HostileCase.USERINFO_SUB_MISMATCH)
    void userinfoSubMismatchIsRefused() throws IOException {
        assertRefused(HostileCase.USERINFO_SUB_MISMATCH);
    }

    @Test
    @Covers(HostileCase.NONCE_WRONG)
    void nonceWrongIsRefused() throws IOException {
        assertRefused(HostileCase.NONCE_WRONG);
    }

    @Test
    @Covers(HostileCase.NONCE_MISSING)
    void nonceMissingIsRefused() throws IOException {
        assertRefused(HostileCase.NONCE_MISSING);
    }

    @Test
    @Covers(HostileCase.HS256_WITH_RSA_PUBLIC_KEY)
    void hs256WithRsaPublicKeyIsRefused() throws IOException {
        assertRefused(HostileCase.HS256_WITH_RSA_PUBLIC_KEY);
    }

    @Test
    @Covers(HostileCase.HS256_WITH_CLIENT_SECRET)
    void hs256WithClientSecretIsRefused() throws IOException {
        assertRefused(HostileCase.HS256_WITH_CLIENT_SECRET);
    }

    @Test
    @Covers(HostileCase.JWK_HEADER)
    void jwkHeaderIsRefused() throws IOException {
        assertRefused(HostileCase.JWK_HEADER);
    }

    @Test
    @Covers(HostileCase.JKU_HEADER)
    void jkuHeaderIsRefused() throws IOException {
        assertRefused(HostileCase.JKU_HEADER);
    }

    @Test
    @Covers(HostileCase.X5U_HEADER)
    void x5uHeaderIsRefused() throws IOException {
        assertRefused(HostileCase.X5U_HEADER);
    }

    @Test
    @Covers(HostileCase.ALG_OUTSIDE_ALLOW_LIST)
    void algOutsideAllowListIsRefused() throws IOException {
        assertRefused(HostileCase.ALG_OUTSIDE_ALLOW_LIST);
    }

    @Test
    @Covers(HostileCase.WRONG_ALG_PUBLISHED_KEY)
    void wrongAlgByAPublishedKeyIsRefused() throws IOException {
        // here discovery was read while it listed RS256 only; PinnedAlgorithmIT has the app read ES256 in it too
        assertRefused(HostileCase.WRONG_ALG_PUBLISHED_KEY);
    }

    @Test
    @Covers(HostileCase.EXP_PAST)
    void expPastIsRefused() throws IOException {
        assertRefused(HostileCase.EXP_PAST);
    }

    @Test
    @Covers(HostileCase.EXP_MISSING)
    void expMissingIsRefused() throws IOException {
        assertRefused(HostileCase.EXP_MISSING);
    }

    @Test
    @Covers(HostileCase.IAT_IN_FUTURE)
    void iatInFutureIsRefused() throws IOException {
        assertRefused(HostileCase.IAT_IN_FUTURE);
    }

    @Test
    @Covers(HostileCase.IAT_TOO_OLD)
    void iatTooOldIsRefused() throws IOException {
        assertRefused(HostileCase.IAT_TOO_OLD);
    }

    @Test
    @Covers(HostileCase.AUD_EXTRA_WITHOUT_AZP)
    void audExtraWithoutAzpIsRefused() throws IOException {
        assertRefused(HostileCase.AUD_EXTRA_WITHOUT_AZP);
    }

    @Test
    @Covers(HostileCase.AUD_EXTRA_WITH_WRONG_AZP)
    void audExtraWithWrongAzpIsRefused() throws IOException {
        assertRefused(HostileCase.AUD_EXTRA_WITH_WRONG_AZP);
    }

    @Test
    @Covers(HostileCase.AZP_WRONG_SINGLE_AUD)
    void azpWrongSingleAudIsRefused() throws IOException {
        assertRefused(HostileCase.AZP_WRONG_SINGLE_AUD);
    }

    @Test
    @Covers(HostileCase.AT_HASH_WRONG)
    void atHashWrongIsRefused() throws IOException {
        assertRefused(HostileCase.AT_HASH_WRONG);
    }

    @Test
    @Covers(HostileCase.ISS_PARAMETER_WRONG)
    void issParameterWrongIsRefused() throws IOException {
        assertRefused(HostileCase.ISS_PARAMETER_WRONG);
    }

    @Test
    @Covers(HostileCase.ISS_PARAMETER_MISSING)
    void issParameterMissingIsRefused() throws IOException {
        assertRefused(HostileCase.ISS_PARAMETER_MISSING);
    }

    // ================================================================== HostileCase: accepted (from the cached JWKS)

    @Test
    @Covers(HostileCase.KID_ABSENT_SINGLE_KEY)
    void kidAbsentSingleKeyIsAccepted() throws IOException {
        assertAccepted(HostileCase.KID_ABSENT_SINGLE_KEY);
    }

    @Test
    @Covers(HostileCase.RS256_SIGNED)
    void rs256SignedIsAccepted() throws IOException {
        assertAccepted(HostileCase.RS256_SIGNED);
    }

    // ================================================================== token endpoint faults

    @Test
    void tokenEndpointDownGetsA503PageAndSignInWorksRightAfter() throws IOException {
        assertTokenFaultGets503(Fault.serverError(), Duration.ZERO);
    }

    @Test
    void tokenEndpointAnsweringGarbageGetsA503PageAndSignInWorksRightAfter() throws IOException {
        assertTokenFaultGets503(Fault.garbage(), Duration.ZERO);
    }

    @Test
    void tokenEndpointHangingIsGivenUpOnWithinTheReadTimeoutAndSignInWorksRightAfter() throws IOException {
        assertTokenFaultGets503(Fault.hang(), Duration.ofMillis(HostileDefinition.READ_TIMEOUT_MILLIS));
    }

    // ================================================================== the authorization response

    @Test
    void stateMissingIsRefused() throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected"));
        Map<String, String> params = query(callback);
        params.remove("state");
        int tokens = provider.tokenRequests();
        HttpResponse<String> page = browser.get(callback(params));
        assertEquals(401, page.statusCode(), page.body());
        assertCleanRefusal(page, callback);
        assertEquals(tokens, provider.tokenRequests(), "refused before the code is exchanged");
        assertNotSignedIn(browser);
    }

    @Test
    void stateTamperedIsRefused() throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected?tampered"));
        Map<String, String> params = query(callback);
        String state = params.get("state");
        char last = state.charAt(state.length() - 1);
        params.put("state", state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A'));
        int tokens = provider.tokenRequests();
        HttpResponse<String> page = browser.get(callback(params));
        assertEquals(401, page.statusCode(), page.body());
        assertCleanRefusal(page, callback);
        assertEquals(tokens, provider.tokenRequests(), "refused before the code is exchanged");
        assertNotSignedIn(browser);
        // a forged answer does not use up the browser's genuine one
        HttpResponse<String> genuine = browser.get(callback);
        assertSignedInRedirect(genuine, app("protected?tampered"));
    }

    @Test
    void stateReplayedIsRefused() throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected"));
        assertSignedInRedirect(browser.get(callback), app("protected"));
        int tokens = provider.tokenRequests();

        HttpResponse<String> again = browser.get(callback);
        assertEquals(401, again.statusCode(), "a state works once: " + again.body());
        assertCleanRefusal(again, callback);
        AppBrowser elsewhere = new AppBrowser();
        HttpResponse<String> replayed = elsewhere.get(callback);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertCleanRefusal(replayed, callback);
        assertEquals(tokens, provider.tokenRequests(), "a used state never reaches the token endpoint");
        assertNotSignedIn(elsewhere);
    }

    @Test
    void stateFromAnotherBrowserIsRefused() throws IOException {
        AppBrowser victim = new AppBrowser();
        AppBrowser attacker = new AppBrowser();
        URI victimCallback = loginAt(victim, app("protected"));
        URI attackerCallback = loginAt(attacker, app("protected"));
        int tokens = provider.tokenRequests();

        // the attacker replays the victim's answer in a session of their own
        HttpResponse<String> stolen = attacker.get(victimCallback);
        assertEquals(401, stolen.statusCode(), stolen.body());
        assertCleanRefusal(stolen, victimCallback);
        // login CSRF: the victim is made to complete the attacker's sign-in
        HttpResponse<String> planted = victim.get(attackerCallback);
        assertEquals(401, planted.statusCode(), planted.body());
        assertCleanRefusal(planted, attackerCallback);
        assertEquals(tokens, provider.tokenRequests(), "a state from another browser never reaches the token endpoint");
        assertNotSignedIn(attacker);
        assertNotSignedIn(victim);
    }

    @Test
    void codeReplayedInAFreshBrowserIsRefused() throws IOException {
        AppBrowser victim = new AppBrowser();
        URI victimCallback = loginAt(victim, app("protected"));
        assertSignedInRedirect(victim.get(victimCallback), app("protected"));

        // a fresh browser with a sign-in of its own, presenting the victim's (used) code with its own state
        AppBrowser attacker = new AppBrowser();
        Map<String, String> forged = query(victimCallback);
        forged.put("state", query(PassageBrowser.location(startSignIn(attacker, app("protected")))).get("state"));
        Counts before = counts();
        HttpResponse<String> page = attacker.get(callback(forged));
        Counts after = counts();
        assertEquals(401, page.statusCode(), page.body());
        assertCleanRefusal(page, victimCallback);
        assertEquals(before.token() + 1, after.token(), "the provider refused the used code");
        assertEquals(before.userinfo(), after.userinfo());
        assertNotSignedIn(attacker);
    }

    @Test
    void interceptedCodeIsUselessWithoutTheVerifier() throws IOException {
        AppBrowser victim = new AppBrowser();
        URI victimCallback = loginAt(victim, app("protected"));

        // the victim's code, intercepted before the victim's browser could use it, with the attacker's own state
        AppBrowser attacker = new AppBrowser();
        Map<String, String> forged = query(victimCallback);
        forged.put("state", query(PassageBrowser.location(startSignIn(attacker, app("protected")))).get("state"));
        Counts before = counts();
        HttpResponse<String> page = attacker.get(callback(forged));
        Counts after = counts();
        assertEquals(401, page.statusCode(), page.body());
        assertCleanRefusal(page, victimCallback);
        assertEquals(before.token() + 1, after.token(), "the provider refused the code: PKCE verifier of another attempt");
        assertEquals(query(victimCallback).get("code"), provider.lastRequest(Endpoint.TOKEN).orElseThrow().parameter("code"));
        assertEquals(before.userinfo(), after.userinfo());
        assertNotSignedIn(attacker);
    }

    @Test
    void accessDeniedGets401AndNoSession() throws IOException {
        provider.behaviour().denyNextAuthorization();
        AppBrowser browser = new AppBrowser();
        URI callback = providerErrorRedirect(browser);
        assertEquals("access_denied", query(callback).get("error"));
        int tokens = provider.tokenRequests();
        HttpResponse<String> page = browser.get(callback);
        assertEquals(401, page.statusCode(), page.body());
        assertCleanRefusal(page, callback);
        assertTrue(page.body().contains("access_denied"), "says what the provider said: " + page.body());
        assertEquals(tokens, provider.tokenRequests());
        assertNotSignedIn(browser);
    }

    @Test
    void attackerChosenErrorAndDescriptionAreNeverReflected() throws IOException {
        String error = "<script>alert(document.cookie)</script>\r\nSet-Cookie: injected=1";
        String description = "<img src=x onerror=alert(1)><a href=\"//evil.example/phish\">Sign in again</a>";
        for (String[] answer : new String[][] {{error, description}, {"access_denied", description}}) {
            provider.behaviour().failNextAuthorization(answer[0], answer[1]);
            AppBrowser browser = new AppBrowser();
            URI callback = providerErrorRedirect(browser);
            assertEquals(answer[0], query(callback).get("error"), "the provider sent the hostile error");
            HttpResponse<String> page = browser.get(callback);
            assertEquals(401, page.statusCode(), page.body());
            assertCleanRefusal(page, callback);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            for (String reflected : List.of("<script", "<img", "onerror", "alert(", "evil.example", "injected",
                    "Sign in again")) {
                assertFalse(page.body().contains(reflected), reflected + " reflected: " + page.body());
            }
            assertFalse(page.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("injected")),
                    "no header injection: " + page.headers());
            assertNotSignedIn(browser);
        }
    }

    @Test
    void oversizedParametersGet400() throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected?oversized"));
        Map<String, String> genuine = query(callback);
        int tokens = provider.tokenRequests();
        for (String name : List.of("state", "code", "iss", "error", "error_description")) {
            for (int length : List.of(MAX_PARAMETER_LENGTH + 1, 10 * 1024)) {
                Map<String, String> params = new LinkedHashMap<>(genuine);
                params.put(name, "A".repeat(length));
                HttpResponse<String> page = browser.get(callback(params));
                assertEquals(400, page.statusCode(), name + " of " + length + " characters: " + page.body());
                if (length > MAX_PARAMETER_LENGTH + 1 && page.body().isEmpty()) {
                    // a server with a smaller bound on the request line (Payara's is 8 KiB) refuses it before any
                    // app sees it: an empty answer that carries nothing
                    assertTrue(page.headers().allValues("Set-Cookie").isEmpty(), page.headers().toString());
                    continue;
                }
                assertCleanRefusal(page, callback);
            }
        }
        assertEquals(tokens, provider.tokenRequests(), "refused before any work");
        // none of this used up the browser's genuine answer
        assertSignedInRedirect(browser.get(callback), app("protected?oversized"));
    }

    @Test
    void repeatedParametersGet400() throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected?repeated"));
        Map<String, String> genuine = query(callback);
        int tokens = provider.tokenRequests();
        for (String name : List.of("state", "code", "iss", "error")) {
            for (String second : List.of("other", genuine.getOrDefault(name, "access_denied"))) {
                // the parameter twice: the genuine value (or, for error, one) and a second one
                String first = genuine.containsKey(name) ? "" : "&" + name + "=" + encode("access_denied");
                URI repeated = URI.create(callback(genuine) + first + "&" + name + "=" + encode(second));
                HttpResponse<String> page = browser.get(repeated);
                assertEquals(400, page.statusCode(), name + " twice: " + page.body());
                assertCleanRefusal(page, callback);
            }
        }
        assertEquals(tokens, provider.tokenRequests(), "refused before any work");
        assertSignedInRedirect(browser.get(callback), app("protected?repeated"));
    }

    /**
     * A request with a body larger than the library reads before answering (64 KiB): a clean refusal all the same, and
     * (checked by {@code LogHygieneIT}) no server error logged for it.
     */
    @Test
    void largeRequestBodyGetsACleanRefusalWithoutBeingRead() {
        byte[] body = "x".repeat(128 * 1024).getBytes(StandardCharsets.US_ASCII);
        AppBrowser browser = new AppBrowser();
        HttpResponse<String> api = browser.send(HttpRequest.newBuilder(app("protected"))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(401, api.statusCode(), api.body());
        assertTrue(api.headers().firstValue("WWW-Authenticate").isPresent(), api.headers().toString());
        HttpResponse<String> callback = browser.send(HttpRequest.newBuilder(app("passage/callback?state=unknown&code=x"))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        // the definition asked for response_mode=query: a POSTed response is refused (405, Allow: GET), unread
        assertEquals(405, callback.statusCode(), callback.body());
        for (HttpResponse<String> answer : List.of(api, callback)) {
            assertNoStore(answer);
            assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer.body());
        }
        assertNotSignedIn(browser);
    }

    // ================================================================== session

    @Test
    void sessionIdChangesAtSignInAndThePreLoginSessionStaysAnonymous() throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected"));
        String preLogin = browser.cookie(app(""), "JSESSIONID")
                .orElseThrow(() -> new AssertionError("the sign-in state lives in a session"));
        HttpResponse<String> answer = browser.get(callback);
        assertSignedInRedirect(answer, app("protected"));
        String signedIn = browser.cookie(app(""), "JSESSIONID").orElseThrow();
        assertNotEquals(preLogin, signedIn, "the session id changes at sign-in");
        String newCookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("the new session id is sent at sign-in: " + answer.headers()));
        assertHardened(newCookie);
        assertSignedInAs(browser.get(app("protected")), TestProvider.ALICE);

        // whoever knew (or planted) the session id before the sign-in gets nothing with it
        HttpResponse<String> replayed = new AppBrowser().send(HttpRequest.newBuilder(app("protected"))
                .header("Accept", "text/html").header("Cookie", "JSESSIONID=" + preLogin));
        assertSignInStarts(replayed);
        assertFalse(replayed.body().contains(TestProvider.ALICE), replayed.body());
    }

    // ================================================================== open redirect

    @Test
    void signInStartedAtAnOddUrlNeverRedirectsOffTheApp() throws IOException {
        String root = Deployments.base(base, "hostile").toString(); // ends with the context root and '/'
        List<String> starts = List.of(
                root + "/evil.example/x",                                        // <app>//evil.example/x
                root + "//evil.example/x",
                root + "protected?next=https://evil.example/&return_to=%2F%2Fevil.example",
                root + "%2F%2Fevil.example/x",
                root + "%5Cevil.example/x",
                root + "protected/..%2F..%2F..%2Fevil.example");
        int started = 0;
        for (String start : starts) {
            AppBrowser browser = new AppBrowser();
            HttpResponse<String> challenge = browser.get(URI.create(start));
            if (!PassageBrowser.isRedirect(challenge)) {
                // the server refused the URL itself: nothing was remembered from it
                assertTrue(challenge.statusCode() >= 400 && challenge.statusCode() < 500,
                        start + " answered " + challenge.statusCode());
                continue;
            }
            assertSignInStarts(challenge);
            started++;
            URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
            // and parameters an attacker adds to the provider's answer are not a way out either
            URI withExtras = URI.create(callback + "&redirect_uri=" + encode("https://evil.example/")
                    + "&return_to=" + encode("//evil.example/") + "&next=" + encode("https://evil.example/"));
            HttpResponse<String> answer = browser.get(withExtras);
            assertEquals(302, answer.statusCode(), start + ": " + answer.body());
            assertStaysOnTheApp(answer, start);
        }
        assertTrue(started > 0, "the sign-in starts at " + starts.get(0));
    }

    // ================================================================== what answers and URLs carry

    @Test
    void authorizationUrlAndLogoutFormCarryNoSecretOrVerifier() throws IOException {
        AppBrowser browser = new AppBrowser();
        HttpResponse<String> challenge = startSignIn(browser, app("protected"));
        String authorization = challenge.headers().firstValue("Location").orElseThrow();
        Map<String, String> request = query(PassageBrowser.location(challenge));
        for (String forbidden : List.of("code_verifier", "client_secret", "id_token", "access_token")) {
            assertFalse(request.containsKey(forbidden), forbidden + " in the authorization request: " + authorization);
        }
        URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
        HttpResponse<String> answer = browser.get(callback);
        assertSignedInRedirect(answer, app("protected"));
        assertSignedInAs(browser.get(PassageBrowser.location(answer)), TestProvider.ALICE);

        String verifier = provider.lastRequest(Endpoint.TOKEN).orElseThrow().parameter("code_verifier");
        assertNotNull(verifier, "the token request carried the PKCE verifier");
        assertEquals(s256(verifier), request.get("code_challenge"), "only the S256 challenge went through the browser");
        String accessToken = bearerToken(provider.lastRequest(Endpoint.USERINFO).orElseThrow());
        String code = query(callback).get("code");

        // logout: the ID token goes to the end-session endpoint as id_token_hint (RP-Initiated Logout 1.0 section 2),
        // in a self-submitting form POST, so in no URL
        HttpResponse<String> logout = browser.get(app("logout"));
        assertEquals(200, logout.statusCode(), logout.body());
        assertNoStore(logout);
        assertFalse(logout.headers().firstValue("Location").isPresent(), logout.headers().toString());
        PostedForm endSession = PostedForm.parse(logout);
        assertEquals(provider.endpoint(Endpoint.LOGOUT), endSession.action());
        assertTrue(JWT.matcher(endSession.fields().getOrDefault("id_token_hint", "") + ".").find(),
                "the ID token as id_token_hint: " + endSession.fields().keySet());
        for (String location : List.of(authorization, answer.headers().firstValue("Location").orElseThrow())) {
            String decoded = URLDecoder.decode(location, StandardCharsets.UTF_8);
            assertFalse(JWT.matcher(decoded).find(), "a token in " + location);
            for (String secret : List.of(clientSecret(), verifier, accessToken, code)) {
                assertFalse(location.contains(secret) || decoded.contains(secret), "a secret in " + location);
            }
        }
        for (String secret : List.of(clientSecret(), verifier, accessToken, code)) {
            assertFalse(logout.body().contains(secret), "the logout page holds only the ID token: " + logout.body());
        }
        assertNotSignedIn(browser);
    }

    // ================================================================== assertions

    private void assertRefused(HostileCase hostile) throws IOException {
        assertFalse(hostile.relyingPartyMustAccept(), hostile + " is one to accept");
        hostile.applyTo(provider);
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected?case=" + hostile));
        Counts before = counts();
        HttpResponse<String> answer = browser.get(callback);
        Counts after = counts();
        assertCleanRefusal(answer, callback);

        boolean checkedBeforeTheExchange = hostile.target() == HostileCase.Check.ISS_PARAMETER;
        assertEquals(before.token() + (checkedBeforeTheExchange ? 0 : 1), after.token(),
                hostile + ": token requests (the RFC 9207 iss check comes before the code is exchanged)");
        boolean userinfoCase = hostile == HostileCase.USERINFO_SUB_MISMATCH;
        assertEquals(before.userinfo() + (userinfoCase ? 1 : 0), after.userinfo(),
                hostile + ": UserInfo is asked only once the ID token is valid");
        assertEquals(before.jwks(), after.jwks(), hostile + ": refused without fetching the JWKS again");
        assertEquals(before.hostileJwks(), after.hostileJwks(), hostile + ": the jku URL is never fetched");
        assertEquals(before.hostileX5u(), after.hostileX5u(), hostile + ": the x5u URL is never fetched");

        provider.behaviour().reset();
        assertNotSignedIn(browser);
    }

    private void assertAccepted(HostileCase hostile) throws IOException {
        assertTrue(hostile.relyingPartyMustAccept(), hostile + " is one to refuse");
        hostile.applyTo(provider);
        AppBrowser browser = new AppBrowser();
        HttpResponse<String> page = signIn(browser, app("protected?case=" + hostile));
        assertSignedInAs(page, TestProvider.ALICE);
        assertTrue(page.body().contains("query=case=" + hostile), "back on the page first asked for: " + page.body());
        provider.behaviour().reset();
        assertSignedInAs(browser.get(app("protected")), TestProvider.ALICE);
    }

    private void assertJwksFaultGets503(Fault fault, Duration atLeast) throws IOException {
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (true) {
            provider.behaviour().reset().fail(Endpoint.JWKS, fault);
            AppBrowser browser = new AppBrowser();
            URI callback = loginAt(browser, app("protected"));
            Counts before = counts();
            long start = System.nanoTime();
            HttpResponse<String> page = browser.get(callback);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Counts after = counts();
            assertCleanUnavailablePage(page);
            assertEquals(before.userinfo(), after.userinfo(), "UserInfo is not asked for an unverified token");
            provider.behaviour().reset();
            assertNotSignedIn(browser);
            if (after.jwks() > before.jwks()) {
                assertAnsweredWithin(took, atLeast);
                return;
            }
            // within the back-off of the previous failure the app answers at once without asking: ask until a
            // request does reach the failing endpoint (the app has not had the JWKS yet: see the class comment)
            assertTrue(System.nanoTime() < deadline, "no sign-in reached the JWKS endpoint within " + RECOVERY_WAIT);
            sleep(Duration.ofMillis(250));
        }
    }

    private void assertTokenFaultGets503(Fault fault, Duration atLeast) throws IOException {
        AppBrowser browser = new AppBrowser();
        URI callback = loginAt(browser, app("protected"));
        provider.behaviour().fail(Endpoint.TOKEN, fault);
        Counts before = counts();
        long start = System.nanoTime();
        HttpResponse<String> page = browser.get(callback);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Counts after = counts();
        assertCleanUnavailablePage(page);
        assertAnsweredWithin(took, atLeast);
        assertEquals(before.token() + 1, after.token(), "the code went to the failing token endpoint");
        assertEquals(before.userinfo(), after.userinfo());
        assertEquals(before.jwks(), after.jwks());
        provider.behaviour().reset();
        assertNotSignedIn(browser);

        HttpResponse<String> again = signIn(new AppBrowser(), app("protected?after=token-fault"));
        assertSignedInAs(again, TestProvider.ALICE);
    }

    private static void assertAnsweredWithin(Duration took, Duration atLeast) {
        if (!atLeast.isZero()) {
            assertTrue(took.compareTo(atLeast.minusMillis(200)) >= 0, "this request waited for the hang: " + took);
        }
        // the provider never answers: only the app's own bound ends the wait. The margin is for a busy machine; that
        // the configured read timeout (not the default) is the bound is the unit tests' to show (TokenEndpointTest)
        assertTrue(took.compareTo(Duration.ofMillis(HostileDefinition.READ_TIMEOUT_MILLIS).plus(BUSY_MACHINE_MARGIN))
                < 0, "answered within the read timeout (" + HostileDefinition.READ_TIMEOUT_MILLIS + " ms): " + took);
    }

    /** A sign-in that starts: a redirect to the provider's authorization endpoint, never cached. */
    private void assertSignInStarts(HttpResponse<String> challenge) {
        assertEquals(302, challenge.statusCode(), challenge.body());
        assertNoStore(challenge);
        assertTrue(PassageBrowser.location(challenge).toString().startsWith(provider.issuer() + "/authorize?"),
                PassageBrowser.location(challenge).toString());
        challenge.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .forEach(HostileProviderIT::assertHardened);
    }

    /** The callback's answer to a sign-in that worked: a redirect, never cached, to the page first asked for. */
    private void assertSignedInRedirect(HttpResponse<String> answer, URI page) {
        assertEquals(302, answer.statusCode(), answer.body());
        assertNoStore(answer);
        URI target = PassageBrowser.location(answer);
        assertEquals(page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery()),
                target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        answer.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .forEach(HostileProviderIT::assertHardened);
    }

    private static void assertSignedInAs(HttpResponse<String> page, String user) {
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("userPrincipal.name=" + user + "\n")
                || page.body().contains("userPrincipal.name=" + user + "\r\n"), page.body());
    }

    /** The next request for a page starts a new sign-in: the browser has no signed-in session. */
    private void assertNotSignedIn(AppBrowser browser) {
        assertSignInStarts(browser.get(app("protected")));
    }

    /**
     * A refusal: {@code 401} or {@code 400}, a page of its own (no redirect), never cached, with no stack trace, no
     * exception, no token, and neither the code nor the state of the answer it refuses.
     */
    private static void assertCleanRefusal(HttpResponse<String> page, URI callback) {
        assertTrue(page.statusCode() == 401 || page.statusCode() == 400, page.statusCode() + ": " + page.body());
        assertCleanPage(page);
        if (callback != null) {
            Map<String, String> params = query(callback);
            for (String echoed : new String[] {params.get("code"), params.get("state")}) {
                if (echoed != null) {
                    assertFalse(page.body().contains(echoed), "echoes a parameter: " + page.body());
                }
            }
        }
    }

    private static void assertCleanUnavailablePage(HttpResponse<String> page) {
        assertEquals(503, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Retry-After").isPresent(), "Retry-After tells when to try again");
        assertCleanPage(page);
        assertFalse(page.body().contains("/.well-known"), "no provider internals: " + page.body());
    }

    private static void assertCleanPage(HttpResponse<String> page) {
        assertNoStore(page);
        assertFalse(page.headers().firstValue("Location").isPresent(), "a page, not a redirect: " + page.headers());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        String body = page.body();
        assertFalse(body.contains("Exception"), "no exception: " + body);
        assertFalse(body.contains("\tat ") || body.contains("at io.") || body.contains("at java."), "no stack trace: " + body);
        assertFalse(JWT.matcher(body).find(), "no token: " + body);
        assertFalse(body.contains(clientSecret()), "no secret: " + body);
    }

    private static void assertNoStore(HttpResponse<String> response) {
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""),
                response.statusCode() + " " + response.uri().getPath() + " must not be cached: " + response.headers());
    }

    private static void assertHardened(String sessionCookie) {
        String lower = sessionCookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("httponly"), sessionCookie);
        assertTrue(lower.contains("samesite=lax"), sessionCookie);
    }

    private void assertStaysOnTheApp(HttpResponse<String> answer, String start) {
        String raw = answer.headers().firstValue("Location").orElseThrow();
        assertFalse(raw.startsWith("//") || raw.startsWith("\\") || raw.startsWith("/\\"),
                "a scheme-relative Location leaves the app: " + raw + " (started at " + start + ")");
        URI target = answer.uri().resolve(raw);
        URI app = app("");
        assertEquals(app.getScheme(), target.getScheme(), raw);
        assertEquals(app.getHost(), target.getHost(), "stays on the app's host: " + raw + " (started at " + start + ")");
        assertEquals(app.getPort(), target.getPort(), raw);
        assertTrue(target.getRawPath().startsWith(app.getRawPath()), "stays in the app: " + raw);
    }

    // ================================================================== driving the browser

    private URI app(String path) {
        return Deployments.base(base, "hostile").resolve(path);
    }

    /** Asks for a page, expecting the redirect to the provider. */
    private HttpResponse<String> startSignIn(AppBrowser browser, URI page) {
        HttpResponse<String> challenge = browser.get(page);
        assertSignInStarts(challenge);
        return challenge;
    }

    /** Asks for a page and signs in as Alice at the provider: the provider's answer, not sent to the app yet. */
    private URI loginAt(AppBrowser browser, URI page) throws IOException {
        return LoginPage.open(PassageBrowser.location(startSignIn(browser, page))).signInAs(TestProvider.ALICE);
    }

    /** A whole sign-in as Alice: the page the browser lands on. */
    private HttpResponse<String> signIn(AppBrowser browser, URI page) throws IOException {
        URI callback = loginAt(browser, page);
        HttpResponse<String> answer = browser.get(callback);
        assertSignedInRedirect(answer, page);
        return browser.get(PassageBrowser.location(answer));
    }

    /** Starts a sign-in that the provider answers with an error at once: its redirect back to the app. */
    private URI providerErrorRedirect(AppBrowser browser) {
        HttpResponse<String> atProvider = browser.get(PassageBrowser.location(startSignIn(browser, app("protected"))));
        assertEquals(302, atProvider.statusCode(), atProvider.body());
        URI callback = PassageBrowser.location(atProvider);
        assertTrue(callback.toString().startsWith(app("passage/callback").toString()), callback.toString());
        return callback;
    }

    private URI callback(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(encode(name)).append('=').append(encode(value)));
        return URI.create(app("passage/callback") + "?" + query);
    }

    private Counts counts() {
        return new Counts(provider.discoveryRequests(), provider.authorizationRequests(), provider.tokenRequests(),
                provider.userinfoRequests(), provider.jwksRequests(), provider.requestCount(Endpoint.HOSTILE_JWKS),
                provider.requestCount(Endpoint.HOSTILE_X5U));
    }

    private record Counts(int discovery, int authorization, int token, int userinfo, int jwks, int hostileJwks,
                          int hostileX5u) {
    }

    private static <T> T awaitAnswer(Supplier<T> ask, Predicate<T> done, Consumer<T> meanwhile) {
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        T answer = ask.get();
        while (!done.test(answer)) {
            meanwhile.accept(answer);
            assertTrue(System.nanoTime() < deadline, "no change within " + RECOVERY_WAIT);
            sleep(Duration.ofMillis(250));
            answer = ask.get();
        }
        return answer;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int at = pair.indexOf('=');
            String name = at < 0 ? pair : pair.substring(0, at);
            String value = at < 0 ? "" : pair.substring(at + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String bearerToken(RecordedRequest request) {
        String authorization = request.header("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    private static String clientSecret() {
        String secret = System.getenv("PASSAGE_CLIENT_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("PASSAGE_CLIENT_SECRET is not set: run through a server module");
        }
        return secret;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
