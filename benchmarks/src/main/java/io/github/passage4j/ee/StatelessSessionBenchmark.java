package io.github.passage4j.ee;

import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.PassageFixture;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stateless mode's per-request cost, side by side with the HTTP session's: (h1) recognising the caller from the
 * encrypted session cookie (AES-GCM decrypt, JSON parse, profile), (h2) writing that cookie after a sign-in or
 * refresh, (h3) the HTTP session store's lookup of the same caller. The caller is that of {@link SignInBenchmark}'s
 * whole sign-in. Average time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatelessSessionBenchmark {

    private SignedInCaller caller;
    private CookieCallerStore cookieStore;
    private HttpSessionCallerStore sessionStore;
    private FakeServlet servlet;
    private Cookie[] sessionCookies;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SignInBenchmark signIn = new SignInBenchmark();
        signIn.setUp();
        caller = signIn.signedInCaller();
        signIn.tearDown();

        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SessionSettings session = new SessionSettings(true, CookieKeys.parse(Base64.getEncoder().encodeToString(key)),
                "", Duration.ofHours(12));
        ClientSettings client = new ClientSettings(URI.create("https://example.withpassage.com"),
                PassageFixture.CLIENT_ID, "secret", List.of("openid"), null, null, null, null);
        PassageSettings settings = new PassageSettings("", client, "/passage/callback", true, "sub", "", "/logout", "/", null, Duration.ofSeconds(10),
                true, null, Set.of(PassageFixture.CLIENT_ID), null,
                "/passage/backchannel-logout", session);
        Clock clock = Clock.systemUTC();
        cookieStore = new CookieCallerStore(new SealedCookieCodec(session.cookieKeys(), clock),
                Definitions.of(List.of(settings)), session,
                new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock));
        sessionStore = new HttpSessionCallerStore(
                new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock));
        servlet = new FakeServlet();
        servlet.attributes.put(HttpSessionCallerStore.ATTRIBUTE, caller);

        List<String> setCookies = new ArrayList<>();
        cookieStore.establish(request(null), response(setCookies), caller);
        sessionCookies = setCookies.stream().map(header -> header.split(";", 2)[0])
                .map(pair -> new Cookie(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)))
                .toArray(Cookie[]::new);
        System.out.println();
        for (String header : setCookies) {
            System.out.println("[sizes] stateless session cookie: Set-Cookie of " + header.length()
                    + " bytes (name and attributes included)");
        }
    }

    /** (h1) Every request of a stateless session. */
    @Benchmark
    public Optional<SignedInCaller> statelessSessionCookieOpen() {
        return cookieStore.load(request(sessionCookies));
    }

    /** (h2) After a sign-in or a refresh. */
    @Benchmark
    public List<String> statelessSessionCookieSeal() {
        List<String> setCookies = new ArrayList<>(2);
        cookieStore.establish(request(null), response(setCookies), caller);
        return setCookies;
    }

    /** (h3) Every request of an HTTP session (the container's own session lookup not included). */
    @Benchmark
    public Optional<SignedInCaller> httpSessionLoad() {
        return sessionStore.load(servlet.request);
    }

    /** A fresh request each time: the cookie store caches the decoded caller per request. */
    private static HttpServletRequest request(Cookie[] cookies) {
        Map<String, Object> attributes = new HashMap<>(4);
        return (HttpServletRequest) Proxy.newProxyInstance(StatelessSessionBenchmark.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> switch (method.getName()) {
                    case "getCookies" -> cookies;
                    case "getContextPath" -> "/app";
                    case "isSecure" -> true;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> null;
                });
    }

    private static HttpServletResponse response(List<String> setCookies) {
        return (HttpServletResponse) Proxy.newProxyInstance(StatelessSessionBenchmark.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (self, method, args) -> {
                    if (method.getName().equals("addHeader")) {
                        setCookies.add((String) args[1]);
                    }
                    return null;
                });
    }
}
