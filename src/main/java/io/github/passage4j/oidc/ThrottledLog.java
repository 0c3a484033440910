package io.github.passage4j.oidc;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A log for failures anyone on the network can cause (a refused back-channel logout): at most one WARNING per
 * reason per window, the rest at DEBUG, and the next WARNING of a reason says how many were logged at DEBUG
 * since. An operator still sees every kind of failure within a window; an anonymous flood of requests cannot
 * flood the log.
 *
 * <p>Reasons are a bounded set of keys (a spec step, say); a key past the bound shares one window with every other
 * such key, so that reasons made up from hostile input cannot grow the memory.
 */
public final class ThrottledLog {

    /** One WARNING per reason per minute. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    static final int MAX_REASONS = 64;
    private static final String OTHER_REASONS = "(other reasons)";

    private final System.Logger log;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new HashMap<>();

    /**
     * @param log      where the messages go
     * @param window   how long after a WARNING the same reason is logged at DEBUG only; positive
     * @param nanoTime a monotonic clock ({@code System::nanoTime}): a wall-clock jump must neither silence nor
     *                 unleash the log
     */
    public ThrottledLog(System.Logger log, Duration window, LongSupplier nanoTime) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.log = Objects.requireNonNull(log, "log");
        this.windowNanos = window.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Logs {@code message} at WARNING, or at DEBUG when its reason was logged within the window.
     *
     * @param reason  what kind of failure this is; messages of one reason share a window
     * @param message the message, free of secrets, tokens and personal data
     */
    public void warn(String reason, String message) {
        log(Level.WARNING, reason, message);
    }

    /**
     * Logs {@code message} at {@code level}, or at DEBUG when its reason was logged at that level within the window.
     *
     * @param level   the level of the first message of a reason in a window (INFO for a client's mistake, such as
     *                an expired bearer token; WARNING for what an operator should look at)
     * @param reason  what kind of failure this is; messages of one reason share a window
     * @param message the message, free of secrets, tokens and personal data
     */
    public void log(Level level, String reason, String message) {
        long now = nanoTime.getAsLong();
        int suppressed;
        synchronized (windows) {
            String key = windows.containsKey(reason) || windows.size() < MAX_REASONS - 1 ? reason : OTHER_REASONS;
            Window window = windows.get(key);
            if (window != null && now - window.openedAt < windowNanos) {
                window.suppressed++;
                suppressed = -1;
            } else {
                suppressed = window == null ? 0 : window.suppressed;
                windows.put(key, new Window(now));
            }
        }
        if (suppressed < 0) {
            log.log(Level.DEBUG, message);
        } else if (suppressed == 0) {
            log.log(level, message);
        } else {
            log.log(level, message + " (and " + suppressed + " more of this kind since the last warning, "
                    + "logged at DEBUG)");
        }
    }

    /**
     * The reason a refusal's message names: the spec step before its first colon ("Back-Channel Logout 2.6 step 8",
     * "RFC 9068 4: aud"), which is one of a bounded set, or the whole message when it names none.
     */
    public static String reasonOf(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        return colon < 0 ? String.valueOf(message) : message.substring(0, colon);
    }

    /** A reason's window: when its last WARNING was, and how many messages went to DEBUG since. */
    private static final class Window {
        final long openedAt;
        int suppressed;

        Window(long openedAt) {
            this.openedAt = openedAt;
        }
    }
}
