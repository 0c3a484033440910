package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller in the container's HTTP session: what a logout leaves of the session. */
class HttpSessionCallerStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static SignedInCaller caller;

    private final MutableClock clock = new MutableClock(T0);
    private final Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(1), clock), clock);
    private final HttpSessionCallerStore store = new HttpSessionCallerStore(logouts);

    @BeforeAll
    static void signedIn() throws Exception {
        caller = StatelessStoresTest.passageCaller(T0.minusSeconds(60));
    }

    @Test
    void aLogoutEmptiesTheSessionAndRetiresItsIdWithoutInvalidatingItInsideTheRequest() {
        ServletFakes.Session session = new ServletFakes.Session();
        ServletFakes.Request signIn = ServletFakes.request("/passage/callback").session(session);
        store.establish(signIn.build(), new ServletFakes.Response().build(), caller);
        session.attributes.put("app.cart", "three items");
        String signedInId = session.id;

        HttpServletRequest logout = ServletFakes.request("/passage/logout").session(session).build();
        store.clear(logout, new ServletFakes.Response().build());

        assertFalse(session.invalidated, "invalidating inside the mechanism breaks Weld's conversation context");
        assertTrue(session.attributes.isEmpty(), "every attribute, the app's too, is gone: " + session.attributes);
        assertNotEquals(signedInId, session.id, "the signed-in session id names no session any more");
        assertTrue(store.load(ServletFakes.request("/").session(session).build()).isEmpty());
        assertTrue(logouts.isEnded(caller), "the sign-in is listed as ended for other nodes and stateless copies");
    }

    @Test
    void aLogoutWhileTheSharedListIsUnreachableStillEmptiesTheLocalSession() {
        HttpSessionCallerStore cut = new HttpSessionCallerStore(new Logouts(EndedSessionsTest.unreachable(clock), clock));
        ServletFakes.Session session = new ServletFakes.Session();
        cut.establish(ServletFakes.request("/passage/callback").session(session).build(),
                new ServletFakes.Response().build(), caller);
        String signedInId = session.id;

        HttpServletRequest logout = ServletFakes.request("/passage/logout").session(session).build();
        assertThrows(SharedEndedSessions.EndedSessionsUnavailableException.class,
                () -> cut.clear(logout, new ServletFakes.Response().build()),
                "the outage is still reported (503), so the user learns the sign-out is not yet everywhere");
        assertTrue(session.attributes.isEmpty(), "signed out here whatever the shared list: " + session.attributes);
        assertNotEquals(signedInId, session.id);
        assertTrue(cut.load(ServletFakes.request("/").session(session).build()).isEmpty());
    }

    @Test
    void aLogoutWithoutASessionCreatesNone() {
        ServletFakes.Request anonymous = ServletFakes.request("/passage/logout");
        store.clear(anonymous.build(), new ServletFakes.Response().build());
        assertEquals(null, anonymous.session);
    }
}
