package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpSessionSignInStateStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final HttpSessionSignInStateStore store = new HttpSessionSignInStateStore(clock);
    private final ServletFakes.Session session = new ServletFakes.Session();

    private ServletFakes.Request request() {
        return ServletFakes.request("/passage/callback").session(session);
    }

    private SignInState attempt(String state) {
        return new SignInState(state, "nonce-" + state, "verifier-" + state, "/app/page", "https://issuer.example", "",
                "https://app.example/app/passage/callback", clock.instant());
    }

    @Test
    void anAttemptIsConsumedOnceAndOnlyByItsState() {
        store.save(request().build(), new ServletFakes.Response().build(), attempt("s1"));
        store.save(request().build(), new ServletFakes.Response().build(), attempt("s2"));
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), "s3").isEmpty());
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), null).isEmpty());
        assertEquals(attempt("s1"), store.consume(request().build(), new ServletFakes.Response().build(), "s1")
                .orElseThrow());
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), "s1").isEmpty(), "once");
        assertEquals("s2", store.consume(request().build(), new ServletFakes.Response().build(), "s2").orElseThrow()
                .state(), "another tab's attempt is untouched");
        assertNull(session.attributes.get(HttpSessionSignInStateStore.ATTRIBUTE), "nothing left behind");
    }

    @Test
    void withoutASessionThereIsNoAttemptAndNoneIsCreated() {
        ServletFakes.Request noSession = ServletFakes.request("/passage/callback");
        assertTrue(store.consume(noSession.build(), new ServletFakes.Response().build(), "s1").isEmpty());
        assertNull(noSession.session);
    }

    @Test
    void anAttemptExpiresAndOnlyTheNewestAreKept() {
        for (int i = 1; i <= HttpSessionSignInStateStore.MAX_PENDING + 2; i++) {
            store.save(request().build(), new ServletFakes.Response().build(), attempt("s" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), "s1").isEmpty());
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), "s2").isEmpty());
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), "s3").isPresent());
        clock.advance(HttpSessionSignInStateStore.LIFETIME);
        assertTrue(store.consume(request().build(), new ServletFakes.Response().build(), "s10").isEmpty(), "expired");
    }

    @Test
    void savingCompletesTheSessionCookieTheServerWrote() {
        ServletFakes.Request request = request();
        request.sessionCookieConfig.setAttribute("SameSite", "Lax");
        request.sessionCookieConfig.setSecure(true);
        ServletFakes.Response response = new ServletFakes.Response();
        var servletResponse = response.build();
        servletResponse.addHeader("Set-Cookie", "JSESSIONID=" + session.id + "; Path=/app; HttpOnly");
        store.save(request.build(), servletResponse, attempt("s1"));
        assertEquals("JSESSIONID=" + session.id + "; Path=/app; HttpOnly; SameSite=Lax; Secure",
                response.header("Set-Cookie"));
        assertNotNull(session.attributes.get(HttpSessionSignInStateStore.ATTRIBUTE));
    }
}
