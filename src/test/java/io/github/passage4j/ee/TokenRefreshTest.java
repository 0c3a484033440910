package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.TestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One refresh per sign-in, however many requests find its tokens due at once: on one node (several threads) and
 * across two nodes sharing one session (a replicated session) and one ended-sessions cache (the refresh lease).
 */
class TokenRefreshTest {

    private static final int REQUESTS = 8;
    private static final Duration TTL = Duration.ofHours(12);
    /** For requests that have valid tokens to serve meanwhile: they never wait. */
    private static final TokenRefresh.Pause NO_WAIT = duration -> {
        throw new AssertionError("a request with valid tokens waited");
    };

    private final FakeProvider fake;
    private final MutableClock clock = new MutableClock(TestSupport.NOW);
    private final ConcurrentHashMap<Object, Object> sharedCache = new ConcurrentHashMap<>();
    /** The browser's session, the same on every node (a replicated session). */
    private final ServletFakes.Session session = new ServletFakes.Session();
    private final ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
    /** Holds the provider's answer to the refresh until every other request has been served. */
    private final CountDownLatch othersServed = new CountDownLatch(REQUESTS - 1);

    TokenRefreshTest() throws Exception {
        fake = new FakeProvider();
        fake.on("/token", exchange -> {
            try {
                othersServed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"refresh_token\":\"rt-2\","
                    + "\"expires_in\":600}").respond(exchange);
        });
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        fake.close();
    }

    private PassageSettings settings() {
        return new PassageSettings(TestSupport.settings(fake.issuer), "/passage/callback", true, "sub", "",
                "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of(TestSupport.CLIENT_ID),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE);
    }

    /** One node of a cluster: its own provider client, the shared session and cache. */
    private TokenRefresh node(TokenRefresh.Pause pause) {
        return node(new SharedEndedSessions(new ConcurrentMapEntries(sharedCache, "java:test/ended"), TTL, clock),
                pause);
    }

    /** A node with the given list of ended sessions (a single server's own, in memory, grants every lease). */
    private TokenRefresh node(EndedSessions ended, TokenRefresh.Pause pause) {
        PassageSettings settings = settings();
        Logouts logouts = new Logouts(ended, clock);
        return new TokenRefresh(settings, new OpenIdProvider(settings.client(), clock),
                new CallerEstablishment(settings, GroupProviders.NONE, clock),
                new HttpSessionCallerStore(logouts), logouts, clock, pause);
    }

    private SignedInCaller signedIn(Instant tokensExpireAt) {
        PassageTokens tokens = new PassageTokens("h.p.s", "at-1", "rt-1", tokensExpireAt, tokensExpireAt);
        SignedInCaller caller = new SignedInCaller(new PassageProfile("alice", Map.of("sub", "alice")), Set.of(),
                tokens, Map.of("sub", "alice"), TestSupport.NOW.minusSeconds(600), "", "sign-in-1");
        session.attributes.put(HttpSessionCallerStore.ATTRIBUTE, caller);
        return caller;
    }

    private Optional<SignedInCaller> request(TokenRefresh node, SignedInCaller caller) {
        return node.refresh(ServletFakes.request("/page").session(session).build(),
                new ServletFakes.Response().build(), caller);
    }

    /** Every request at once (a barrier), each counting itself served unless it is the one that refreshed. */
    private List<Optional<SignedInCaller>> concurrently(List<TokenRefresh> nodes, SignedInCaller caller)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(REQUESTS);
        List<Future<Optional<SignedInCaller>>> futures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            TokenRefresh node = nodes.get(i % nodes.size());
            futures.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                Optional<SignedInCaller> served = request(node, caller);
                if (served.isPresent() && served.get() == caller) {
                    othersServed.countDown();
                }
                return served;
            }));
        }
        List<Optional<SignedInCaller>> results = new ArrayList<>();
        for (Future<Optional<SignedInCaller>> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static void assertOneRefreshedTheRestServedAsBefore(List<Optional<SignedInCaller>> results,
                                                                SignedInCaller before) {
        long refreshed = results.stream().filter(result -> result.orElseThrow().tokens().getAccessToken()
                .equals("at-2")).count();
        long asBefore = results.stream().filter(result -> result.orElseThrow() == before).count();
        assertEquals(1, refreshed, results.toString());
        assertEquals(REQUESTS - 1, asBefore, results.toString());
    }

    @Test
    void concurrentRequestsOnOneNodeCauseOneTokenRequest() throws Exception {
        SignedInCaller due = signedIn(TestSupport.NOW.plusSeconds(5));
        List<Optional<SignedInCaller>> results = concurrently(
                List.of(node(new InMemoryEndedSessions(TTL, clock), NO_WAIT)), due);
        assertEquals(1, fake.tokenRequests.size(), "one refresh, one spent refresh token");
        assertOneRefreshedTheRestServedAsBefore(results, due);
    }

    @Test
    void concurrentRequestsOnTwoNodesCauseOneTokenRequest() throws Exception {
        SignedInCaller due = signedIn(TestSupport.NOW.plusSeconds(5));
        List<Optional<SignedInCaller>> results = concurrently(List.of(node(NO_WAIT), node(NO_WAIT)), due);
        assertEquals(1, fake.tokenRequests.size(), "the refresh lease lets one node refresh");
        assertOneRefreshedTheRestServedAsBefore(results, due);
        assertEquals("at-2", ((SignedInCaller) session.attributes.get(HttpSessionCallerStore.ATTRIBUTE)).tokens()
                .getAccessToken(), "the session holds the refreshed tokens");
    }

    @Test
    void aNodeWithoutTheLeaseAndWithExpiredTokensWaitsForTheOtherNodesRefresh() {
        SignedInCaller expired = signedIn(TestSupport.NOW.minusSeconds(1));
        PassageTokens renewed = new PassageTokens("h.p.s", "at-2", "rt-2", TestSupport.NOW.plusSeconds(600),
                TestSupport.NOW.plusSeconds(600));
        SignedInCaller refreshedElsewhere = expired.withTokens(expired.profile(), expired.groups(), renewed,
                expired.idTokenClaims());
        Logouts otherNode = new Logouts(new SharedEndedSessions(new ConcurrentMapEntries(sharedCache, "java:t"),
                TTL, clock), clock);
        assertTrue(otherNode.refreshLease(expired, TestSupport.NOW.plusSeconds(10)), "the other node refreshes");
        AtomicInteger pauses = new AtomicInteger();
        TokenRefresh waiting = node(duration -> {
            // meanwhile the other node's refresh replicates into this node's copy of the session
            if (pauses.incrementAndGet() == 2) {
                session.attributes.put(HttpSessionCallerStore.ATTRIBUTE, refreshedElsewhere);
            }
        });
        assertSame(refreshedElsewhere, request(waiting, expired).orElseThrow());
        assertEquals(0, fake.tokenRequests.size(), "the spent refresh token was not sent again");
        assertEquals(2, pauses.get());
    }

    @Test
    void afterARefreshAnotherNodeWithTheOldTokensDoesNotRefreshAgainUntilTheLeaseIsGivenBack() throws Exception {
        SignedInCaller due = signedIn(TestSupport.NOW.plusSeconds(5));
        for (int i = 0; i < REQUESTS - 1; i++) {
            othersServed.countDown(); // no other request: the provider answers at once
        }
        assertEquals("at-2", request(node(NO_WAIT), due).orElseThrow().tokens().getAccessToken());

        // a request that still carries the old tokens (a stateless cookie sent before the new one arrived) reaches
        // the other node, whose copy of the session has not seen the refresh
        SignedInCaller old = signedIn(TestSupport.NOW.plusSeconds(5));
        assertSame(old, request(node(NO_WAIT), old).orElseThrow(), "served with the old, still valid tokens");
        clock.advance(Duration.ofSeconds(6));
        AtomicInteger pauses = new AtomicInteger();
        TokenRefresh otherNode = node(duration -> pauses.incrementAndGet());
        assertThrows(RefreshInProgressException.class, () -> request(otherNode, old),
                "expired old tokens: retried later (503), the session kept, the spent refresh token not sent");
        assertTrue(pauses.get() > 0, "a replicated session was looked at again meanwhile");
        assertEquals(1, fake.tokenRequests.size(), "the rotated refresh token was not spent twice");

        clock.advance(Duration.ofMinutes(1));
        SignedInCaller dueAgain = signedIn(clock.instant().plusSeconds(5));
        assertEquals("at-2", request(node(NO_WAIT), dueAgain).orElseThrow().tokens().getAccessToken(),
                "once the hand-over's time is over, the lease is free for the next refresh");
        assertEquals(2, fake.tokenRequests.size());
    }

    @Test
    void twoParallelStatelessRequestsAtTokenExpiryCauseOneRefreshAndKeepTheNewCookie() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Logouts logouts = new Logouts(new InMemoryEndedSessions(TTL, clock), clock);
        CookieCallerStore cookies = StatelessStoresTest.callerStore(StatelessStoresTest.definitions(
                StatelessStoresTest.ISSUER, StatelessStoresTest.stateless(SealedCookieCodecTest.newKey())), logouts,
                clock);
        PassageSettings settings = settings();
        TokenRefresh refresh = new TokenRefresh(settings, new OpenIdProvider(settings.client(), clock),
                new CallerEstablishment(settings, GroupProviders.NONE, clock), cookies, logouts, clock, NO_WAIT);
        SignedInSession signedIn = new SignedInSession(settings, cookies, logouts, refresh, clock);
        SignedInCaller signedInCaller = StatelessStoresTest.passageCaller(TestSupport.NOW.minusSeconds(600));
        Instant expired = TestSupport.NOW.minusSeconds(1);
        cookies.establish(browser.request(), browser.response(), signedInCaller.withTokens(signedInCaller.profile(),
                signedInCaller.groups(), new PassageTokens(signedInCaller.tokens().getIdToken(), "at-1", "rt-1",
                        expired, expired), signedInCaller.idTokenClaims()));
        // both requests leave the browser with the old cookie
        jakarta.servlet.http.HttpServletRequest first = browser.request();
        jakarta.servlet.http.HttpServletRequest second = browser.request();
        Thread secondThread = Thread.currentThread();
        CountDownLatch refreshing = new CountDownLatch(1);
        fake.on("/token", exchange -> {
            refreshing.countDown();
            // the provider answers once the second request waits for this refresh (its thread's state, not a clock)
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!waitsForTheRefresh(secondThread) && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"refresh_token\":"
                    + "\"rt-2\",\"expires_in\":600}").respond(exchange);
        });
        Future<Optional<SignedInCaller>> firstServed = threads.submit(() -> signedIn.current(first, browser.response()));
        assertTrue(refreshing.await(10, TimeUnit.SECONDS));
        int cookiesBefore = browser.setCookies.size();
        Optional<SignedInCaller> secondServed = signedIn.current(second, browser.response());

        assertEquals("at-2", firstServed.get(10, TimeUnit.SECONDS).orElseThrow().tokens().getAccessToken());
        assertEquals("at-2", secondServed.orElseThrow().tokens().getAccessToken(), "handed the refresh, not expired");
        assertEquals(1, fake.tokenRequests.size(), "one refresh, one spent refresh token");
        List<String> later = browser.setCookies.subList(cookiesBefore, browser.setCookies.size());
        assertTrue(later.stream().noneMatch(header -> header.contains("Max-Age=0")),
                "no cookie deletion reached the browser: " + later);
        assertEquals("at-2", cookies.load(browser.request()).orElseThrow().tokens().getAccessToken(),
                "the browser keeps the refreshed session");
    }

    private static boolean waitsForTheRefresh(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING && java.util.Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName()));
    }

    @Test
    void aFailedRefreshGivesTheLeaseBackAtOnce() {
        fake.on("/token", FakeProvider.json(400, "{\"error\":\"invalid_grant\"}"));
        SignedInCaller due = signedIn(TestSupport.NOW.plusSeconds(5));
        assertTrue(request(node(NO_WAIT), due).orElseThrow().tokens().getRefreshToken().isEmpty());
        Logouts otherNode = new Logouts(new SharedEndedSessions(new ConcurrentMapEntries(sharedCache, "java:t"),
                TTL, clock), clock);
        assertTrue(otherNode.refreshLease(due, TestSupport.NOW.plusSeconds(10)), "nothing was refreshed to guard");
    }
}
