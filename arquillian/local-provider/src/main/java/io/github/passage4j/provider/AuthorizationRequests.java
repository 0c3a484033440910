package io.github.passage4j.provider;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The authorization requests {@code /authorize} accepted, with the parameters as they were in effect: after a pushed
 * request (RFC 9126) or a request object (RFC 9101) supplied them, so that a test sees the {@code prompt} or
 * {@code max_age} a relying party sent whichever way it delivered them.
 */
final class AuthorizationRequests {

    /** Requests kept; older ones are dropped. */
    static final int KEPT = 100;

    private final Deque<RecordedRequest> recent = new ArrayDeque<>();

    synchronized void record(Request resolved) {
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(new RecordedRequest(Instant.now(), resolved.method(), resolved.path(), resolved.parameters(),
                Map.of()));
    }

    synchronized List<RecordedRequest> recent() {
        return List.copyOf(recent);
    }

    synchronized void clear() {
        recent.clear();
    }

    /**
     * OIDC Core 3.1.2.1: {@code max_age} is a non-negative number of seconds; {@code prompt} a space-separated list
     * of the defined values with {@code none} alone. This provider keeps no single sign-on session, so every sign-in
     * authenticates the user anew and meets any {@code max_age} and {@code prompt=login}.
     *
     * @return {@code "<error> <description>"} for a malformed value, or {@code null}
     */
    static String problem(Request request) {
        String maxAge = request.parameter("max_age");
        if (maxAge != null && !maxAge.matches("[0-9]{1,10}")) {
            return "invalid_request max_age must be a non-negative number of seconds";
        }
        String prompt = request.parameter("prompt");
        if (prompt != null) {
            List<String> values = List.of(prompt.split(" ", -1));
            if (!values.stream().allMatch(List.of("none", "login", "consent", "select_account")::contains)
                    || values.size() != values.stream().distinct().count()
                    || values.contains("none") && values.size() > 1) {
                return "invalid_request prompt must list none, login, consent or select_account, none alone";
            }
        }
        return null;
    }
}
