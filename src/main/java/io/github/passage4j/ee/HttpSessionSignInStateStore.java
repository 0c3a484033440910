package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps pending sign-ins in the HTTP session. A few may be pending at once (several tabs); the oldest are dropped
 * beyond that, and any older than {@link #LIFETIME} are expired. The attribute is replaced on every change, never
 * mutated, so replicated sessions see each change.
 */
final class HttpSessionSignInStateStore implements SignInStateStore {

    static final String ATTRIBUTE = "io.github.passage4j.pending-sign-ins";
    static final int MAX_PENDING = 8;
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Clock clock;

    HttpSessionSignInStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, SignInState attempt) {
        HttpSession session = request.getSession(true);
        SessionCookieHardening.completeSessionCookie(request, response);
        synchronized (SessionLocks.of(session)) {
            List<SignInState> pending = new ArrayList<>(live(session));
            pending.add(attempt);
            while (pending.size() > MAX_PENDING) {
                pending.remove(0);
            }
            session.setAttribute(ATTRIBUTE, new PendingSignIns(pending));
        }
    }

    @Override
    public Optional<SignInState> consume(HttpServletRequest request, HttpServletResponse response, String state) {
        HttpSession session = request.getSession(false);
        if (session == null || state == null) {
            return Optional.empty();
        }
        synchronized (SessionLocks.of(session)) {
            List<SignInState> pending = new ArrayList<>(live(session));
            byte[] wanted = state.getBytes(StandardCharsets.UTF_8);
            Optional<SignInState> match = pending.stream()
                    .filter(attempt -> MessageDigest.isEqual(attempt.state().getBytes(StandardCharsets.UTF_8), wanted))
                    .findFirst();
            match.ifPresent(pending::remove);
            if (pending.isEmpty()) {
                session.removeAttribute(ATTRIBUTE);
            } else {
                session.setAttribute(ATTRIBUTE, new PendingSignIns(pending));
            }
            return match;
        }
    }

    private List<SignInState> live(HttpSession session) {
        if (!(session.getAttribute(ATTRIBUTE) instanceof PendingSignIns stored)) {
            return List.of();
        }
        var oldestAlive = clock.instant().minus(LIFETIME);
        return stored.attempts().stream().filter(attempt -> attempt.startedAt().isAfter(oldestAlive)).toList();
    }

    /** The session attribute: an immutable list of attempts. */
    record PendingSignIns(List<SignInState> attempts) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        PendingSignIns {
            attempts = List.copyOf(attempts);
        }
    }
}
