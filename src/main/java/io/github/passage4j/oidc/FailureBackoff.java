package io.github.passage4j.oidc;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Remembers the last failure of a fetch for a short while, so that a burst of sign-ins while the
 * provider is down costs one request to the provider rather than one each; after the window the
 * next caller tries again, so no failure is remembered for ever.
 *
 * <p>Uses a monotonic clock: wall-clock jumps must neither extend nor skip the back-off.
 */
final class FailureBackoff {

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private OpenIdException lastFailure;
    private long failedAt;

    FailureBackoff(Duration window, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Throws a fresh copy of the remembered failure if it is recent enough. */
    synchronized void throwIfRecent() throws ProviderUnavailableException, ProviderRejectedException {
        if (!failedRecently()) {
            return;
        }
        // a fresh instance per caller: sharing one exception object across threads mixes stack traces
        String message = lastFailure.getMessage() + " (remembered failure; retried after a short back-off)";
        if (lastFailure instanceof ProviderRejectedException) {
            throw new ProviderRejectedException(message, lastFailure);
        }
        throw new ProviderUnavailableException(message, lastFailure);
    }

    /** Whether a failure is remembered: a background retry waits until it is not. */
    synchronized boolean failedRecently() {
        return lastFailure != null && nanoTime.getAsLong() - failedAt < windowNanos;
    }

    /** The length of the back-off window. */
    long windowNanos() {
        return windowNanos;
    }

    synchronized void record(OpenIdException failure) {
        lastFailure = failure;
        failedAt = nanoTime.getAsLong();
    }

    synchronized void clear() {
        lastFailure = null;
    }
}
