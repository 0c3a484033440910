package io.github.passage4j.ee;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.passage4j.PassageProfile;
import io.github.passage4j.oidc.AuthorizationRequest;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.PassageFixture;
import io.github.passage4j.oidc.SignInSecrets;
import io.github.passage4j.oidc.TokenResponse;
import io.github.passage4j.oidc.ValidatedIdToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (d) the sign-in state, (e) the profile, (f) the RP-side CPU of one whole sign-in without the provider's own work,
 * and (g) the bytes a signed-in session keeps. Average time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignInBenchmark {

    static final URI REDIRECT_URI = URI.create("https://app.example.com/passage/callback");
    static final String RETURN_PATH = "/app/orders?page=2";

    private final Clock clock = Clock.systemUTC();
    private PassageFixture fixture;
    private PassageSettings settings;
    private OpenIdProvider provider;
    private HttpSessionSignInStateStore states;
    private HttpSessionCallerStore callers;
    private CallerEstablishment establishment;
    private FakeServlet servlet;

    /** The token endpoint's answer, and the nonce its ID token carries (the provider would echo the new one). */
    private byte[] tokenResponseBody;
    private byte[] userInfoBody;
    private String nonce;
    private Map<String, Object> profileClaims;
    private PassageProfile profile;
    private SignedInCaller caller;

    /** The caller of one whole sign-in against the fixture: what the stateless benchmark keeps in its cookie. */
    SignedInCaller signedInCaller() {
        return caller;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new PassageFixture();
        nonce = SignInSecrets.randomToken();
        String accessToken = fixture.oidcAccessToken();
        String idToken = fixture.idToken(nonce, accessToken);
        tokenResponseBody = PassageFixture.tokenResponseJson(idToken, accessToken, PassageFixture.refreshToken());
        userInfoBody = PassageFixture.userInfoJson();
        provider = fixture.warmProvider(idToken, nonce, accessToken);
        settings = new PassageSettings(fixture.clientSettings(), "/passage/callback", true, "sub", "", "/logout", "/",
                null, Duration.ofSeconds(10), true, null, Set.of(PassageFixture.CLIENT_ID), null);
        states = new HttpSessionSignInStateStore(clock);
        callers = new HttpSessionCallerStore(
                new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock));
        // the app's IdentityStore gives the caller two groups (Passage itself issues none)
        establishment = new CallerEstablishment(settings, (who, claimGroups) -> Set.of("user", "billing-admin"), clock);
        servlet = new FakeServlet();

        caller = callbackStage(redirectStage());
        profile = caller.profile();
        profileClaims = new LinkedHashMap<>(profile.getClaims());
        SessionBytes.print(caller, newSignInState());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    private SignInState newSignInState() {
        String codeVerifier = SignInSecrets.randomToken();
        return new SignInState(SignInSecrets.randomToken(), SignInSecrets.randomToken(), codeVerifier, RETURN_PATH,
                settings.client().issuer().toString(), settings.name(), REDIRECT_URI.toString(), clock.instant());
    }

    /** What AuthorizationRedirect.start does, with the redirect URI already resolved. Returns the state value. */
    private String redirectStage() throws Exception {
        String codeVerifier = SignInSecrets.randomToken();
        SignInState attempt = new SignInState(SignInSecrets.randomToken(), SignInSecrets.randomToken(), codeVerifier,
                RETURN_PATH, settings.client().issuer().toString(), settings.name(), REDIRECT_URI.toString(),
                clock.instant());
        URI authorization = provider.authorizationRedirect(new AuthorizationRequest(REDIRECT_URI, attempt.state(),
                attempt.nonce(), SignInSecrets.s256Challenge(codeVerifier)));
        states.save(servlet.request, servlet.response, attempt);
        if (authorization.getRawQuery().isEmpty()) {
            throw new IllegalStateException();
        }
        return attempt.state();
    }

    /** What AuthorizationCallback.complete does once the provider's token and userinfo answers are in. */
    private SignedInCaller callbackStage(String state) throws Exception {
        SignInState attempt = states.consume(servlet.request, servlet.response, state).orElseThrow();
        provider.checkAuthorizationResponseIssuer(attempt.expectedIssuer());
        TokenResponse tokens = PassageFixture.parseTokenResponse(tokenResponseBody, clock.instant());
        // the pre-signed ID token carries a fixed nonce; the attempt's is random and checked the same way
        ValidatedIdToken idToken = provider.validateIdToken(tokens.idToken(), nonce, tokens.accessToken());
        Map<String, Object> userInfo = JSONObjectUtils.parse(new String(userInfoBody, StandardCharsets.UTF_8));
        if (!idToken.subject().equals(userInfo.get("sub"))) {
            throw new IllegalStateException("sub");
        }
        SignedInCaller established = establishment.callerFrom(idToken, userInfo, tokens);
        callers.establish(servlet.request, servlet.response, established);
        return established;
    }

    /** (d) Three 256-bit random values, the S256 challenge, the SignInState record. */
    @Benchmark
    public Object signInStateCreation() {
        SignInState state = newSignInState();
        return new Object[] {state, SignInSecrets.s256Challenge(state.codeVerifier())};
    }

    /** (d) The same, then saved in and consumed from the HTTP-session state store (in-memory fake session). */
    @Benchmark
    public Object signInStateStoreRoundTrip() {
        SignInState state = newSignInState();
        String challenge = SignInSecrets.s256Challenge(state.codeVerifier());
        states.save(servlet.request, servlet.response, state);
        return new Object[] {states.consume(servlet.request, servlet.response, state.state()), challenge};
    }

    /** (e) A PassageProfile from the claims of a validated Passage ID token plus userinfo (deep copy). */
    @Benchmark
    public PassageProfile profileCreation() {
        return new PassageProfile(PassageFixture.SUBJECT, profileClaims);
    }

    /** (e) Java serialization of that profile (its size is printed at setup, "[sizes]"). */
    @Benchmark
    public byte[] profileSerialization() throws IOException {
        return serialize(profile);
    }

    /** (f) Redirect stage alone. */
    @Benchmark
    public String redirectStageOnly() throws Exception {
        String state = redirectStage();
        // keep the fake session from filling up with pending attempts
        states.consume(servlet.request, servlet.response, state);
        return state;
    }

    /** (f) One whole sign-in as the RP does it: redirect stage plus callback stage, without the provider's work. */
    @Benchmark
    public SignedInCaller wholeSignIn() throws Exception {
        return callbackStage(redirectStage());
    }

    /** (g) Java serialization of the session's SignedInCaller (size printed at setup, "[sizes]"). */
    @Benchmark
    public byte[] sessionCallerSerialization() throws IOException {
        return serialize(caller);
    }

    static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** Lists the sizes alone: {@code java -cp benchmarks.jar io.github.passage4j.ee.SignInBenchmark}. */
    public static void main(String[] args) throws Exception {
        SignInBenchmark benchmark = new SignInBenchmark();
        benchmark.setUp();
        benchmark.tearDown();
    }

    /** The session sizes, as {@code ObjectOutputStream} writes them (what a replicating container stores). */
    static final class SessionBytes {

        static void print(SignedInCaller caller, SignInState state) throws IOException {
            var tokens = caller.tokens();
            System.out.println();
            System.out.println("[sizes] tokens: ID token " + tokens.getIdToken().length() + " chars, access token "
                    + tokens.getAccessToken().length() + " chars, refresh token "
                    + tokens.getRefreshToken().orElse("").length() + " chars; " + caller.profile().getClaims().size()
                    + " profile claims, groups " + caller.groups());
            System.out.println("[sizes] serialized SignedInCaller (session attribute after sign-in): "
                    + serialize(caller).length + " bytes");
            System.out.println("[sizes]   of which PassageProfile alone: " + serialize(caller.profile()).length
                    + " bytes; PassageTokens alone: " + serialize(tokens).length + " bytes");
            System.out.println("[sizes] serialized pending sign-in (PendingSignIns with one SignInState): "
                    + serialize(new HttpSessionSignInStateStore.PendingSignIns(List.of(state))).length + " bytes");
        }
    }
}
