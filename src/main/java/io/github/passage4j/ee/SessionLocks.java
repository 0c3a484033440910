package io.github.passage4j.ee;

import jakarta.servlet.http.HttpSession;

/**
 * Striped locks for read-modify-write of session attributes. Servers may hand each request its own session facade,
 * so the facade itself is no lock; the id is stable within one request's work.
 */
final class SessionLocks {

    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private SessionLocks() {
    }

    static Object of(HttpSession session) {
        return STRIPES[Math.floorMod(session.getId().hashCode(), STRIPES.length)];
    }
}
