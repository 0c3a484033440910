package io.github.passage4j.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * A way for an endpoint to fail, set with {@link Behaviour#fail(Endpoint, Fault)} and its variants.
 *
 * <p>Instances are immutable; create them with the static factories.
 */
public final class Fault {

    /** What the endpoint does instead of answering normally. */
    enum Kind { RESPOND, HANG, DROP_CONNECTION, DELAY }

    /** Body of {@link #garbage()}: announced as JSON, parses as nothing. */
    static final String GARBAGE_BODY = "<html>}{ this is not JSON \u0000\u00ff";

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final String body;
    private final Duration duration;

    private Fault(Kind kind, int status, String contentType, String body, Duration duration) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.duration = duration;
    }

    /** @return a fault answering {@code 500 Internal Server Error} */
    public static Fault serverError() {
        return status(500);
    }

    /**
     * @param status the HTTP status to answer, 200..599
     * @return a fault answering {@code status} with a short plain-text body
     */
    public static Fault status(int status) {
        return respond(status, "text/plain; charset=utf-8", "simulated failure (HTTP " + status + ")");
    }

    /** @return a fault answering {@code 200} with a {@code application/json} content type and a body that is not JSON */
    public static Fault garbage() {
        return respond(200, "application/json", GARBAGE_BODY);
    }

    /**
     * @param status      the HTTP status, 200..599
     * @param contentType the {@code Content-Type}, or {@code null} for none
     * @param body        the body, possibly empty
     * @return a fault answering exactly this
     */
    public static Fault respond(int status, String contentType, String body) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new Fault(Kind.RESPOND, status, contentType, Objects.requireNonNull(body, "body"), null);
    }

    /**
     * @return a fault that never answers: the request waits until {@link Behaviour#reset()} or
     *         {@link LocalPassageProvider#close()}, and then the connection is closed without an answer
     */
    public static Fault hang() {
        return new Fault(Kind.HANG, 0, null, null, null);
    }

    /**
     * @param duration how long to hold the request
     * @return a fault that holds the request for {@code duration} (or until {@link Behaviour#reset()}), and then closes
     *         the connection without an answer, as a server that timed out would
     */
    public static Fault hang(Duration duration) {
        return new Fault(Kind.HANG, 0, null, null, positive(duration));
    }

    /**
     * @param duration how long to hold the request
     * @return a fault that answers normally, but only after {@code duration} (or at {@link Behaviour#reset()})
     */
    public static Fault delay(Duration duration) {
        return new Fault(Kind.DELAY, 0, null, null, positive(duration));
    }

    /** @return a fault that closes the connection at once without answering */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, null, null, null);
    }

    private static Duration positive(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        return duration;
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    /** @return the hold time, or {@code null} for "until released" */
    Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RESPOND -> "Fault.respond(" + status + ", " + contentType + ")";
            case HANG -> duration == null ? "Fault.hang()" : "Fault.hang(" + duration + ")";
            case DELAY -> "Fault.delay(" + duration + ")";
            case DROP_CONNECTION -> "Fault.dropConnection()";
        };
    }
}
