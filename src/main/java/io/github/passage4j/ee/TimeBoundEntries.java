package io.github.passage4j.ee;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds every operation on a shared cache by a timeout ({@code endedSessionsCacheTimeout}): a partitioned or
 * hanging cluster would otherwise hold each signed-in request (up to three reads) and each back-channel logout for
 * as long as the cache client retries. Neither the JCache API nor {@code ConcurrentMap} has a call with a timeout,
 * so the call runs on a small pool of this app's own threads and the request waits at most the timeout. A call
 * that times out, or finds the pool and its queue full of calls stuck in a hung cache, fails like an unreachable
 * cache: the request is answered 503 (fail closed), never taken for "no logout". Idle threads end after a while,
 * and {@link #close} (when the app stops) interrupts the busy ones and ends them all.
 */
final class TimeBoundEntries implements SharedEndedSessions.Entries {

    static final int THREADS = 8;
    static final int QUEUE = 256;
    private static final long IDLE_SECONDS = 30;

    private final SharedEndedSessions.Entries entries;
    private final long timeoutNanos;
    private final ThreadPoolExecutor pool;

    /**
     * @param entries     the cache
     * @param timeout     the longest one operation may take
     * @param classLoader the app's, for the pool's threads: a caching provider may load classes through it
     */
    TimeBoundEntries(SharedEndedSessions.Entries entries, Duration timeout, ClassLoader classLoader) {
        this(entries, timeout, classLoader, THREADS, QUEUE);
    }

    TimeBoundEntries(SharedEndedSessions.Entries entries, Duration timeout, ClassLoader classLoader, int threads,
                     int queue) {
        this.entries = entries;
        this.timeoutNanos = timeout.toNanos();
        this.pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), threads(classLoader), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Calls waiting for a thread. */
    int queued() {
        return pool.getQueue().size();
    }

    private static ThreadFactory threads(ClassLoader classLoader) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "passage4j-ended-sessions-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(classLoader);
            return thread;
        };
    }

    /** Whether every thread of the pool ended within {@code wait}. */
    boolean awaitClosed(Duration wait) throws InterruptedException {
        return pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Long get(String key) {
        return bounded(() -> entries.get(key), NO_UNDO);
    }

    @Override
    public boolean putIfAbsent(String key, Long value) {
        return bounded(() -> entries.putIfAbsent(key, value), NO_UNDO);
    }

    @Override
    public boolean replace(String key, Long expected, Long value) {
        return bounded(() -> entries.replace(key, expected, value), NO_UNDO);
    }

    @Override
    public boolean remove(String key, Long expected) {
        return bounded(() -> entries.remove(key, expected), NO_UNDO);
    }

    @Override
    public String describe() {
        return entries.describe();
    }

    /** Writes whose late success is removed again (best effort: the entry expires at its time anyway). */
    @Override
    public SharedEndedSessions.Entries undoneIfLate() {
        TimeBoundEntries outer = this;
        return new SharedEndedSessions.Entries() {
            @Override
            public Long get(String key) {
                return outer.get(key);
            }

            @Override
            public boolean putIfAbsent(String key, Long value) {
                return bounded(() -> entries.putIfAbsent(key, value), removing(key, value));
            }

            @Override
            public boolean replace(String key, Long expected, Long value) {
                return bounded(() -> entries.replace(key, expected, value), removing(key, value));
            }

            @Override
            public boolean remove(String key, Long expected) {
                return outer.remove(key, expected);
            }

            @Override
            public String describe() {
                return outer.describe();
            }
        };
    }

    private Runnable removing(String key, Long value) {
        return () -> entries.remove(key, value);
    }

    /** Interrupts the calls under way and ends every thread; later calls fail like an unreachable cache. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static final Runnable NO_UNDO = () -> { };

    /**
     * @param undoIfLate run, on the pool's thread, when the operation succeeds (returns true) after its caller
     *                   stopped waiting; whichever of the two comes first claims the result, so exactly one of
     *                   "the caller sees it" and "it is undone" happens
     */
    private <T> T bounded(Supplier<T> operation, Runnable undoIfLate) {
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> result;
        try {
            result = pool.submit(() -> {
                T value = operation.get();
                if (!claimed.compareAndSet(false, true) && Boolean.TRUE.equals(value)) {
                    undoIfLate.run();
                }
                return value;
            });
        } catch (RejectedExecutionException saturatedOrClosed) {
            throw new CacheTimeoutException(pool.isShutdown() ? "the app is stopping"
                    : "every thread is waiting for the cache");
        }
        try {
            return result.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            if (!claimed.compareAndSet(false, true)) {
                // completed just now: the operation's thread left its result to this caller
                return resultOf(result);
            }
            // frees the thread if the cache client honours interrupts
            result.cancel(true);
            throw new CacheTimeoutException("no answer within the timeout");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            if (!claimed.compareAndSet(false, true)) {
                return resultOf(result);
            }
            result.cancel(true);
            throw new CacheTimeoutException("interrupted");
        } catch (ExecutionException failed) {
            throw unwrapped(failed);
        }
    }

    /** The result of an operation that has completed; waits only for the pool's thread to hand it over. */
    private static <T> T resultOf(Future<T> completed) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return completed.get();
                } catch (InterruptedException again) {
                    interrupted = true;
                } catch (ExecutionException failed) {
                    throw unwrapped(failed);
                } catch (java.util.concurrent.CancellationException cancelled) {
                    throw new CacheTimeoutException("the app is stopping");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the operation threw, thrown again as it was (a cache's exceptions are unchecked). */
    static RuntimeException unwrapped(ExecutionException failed) {
        if (failed.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failed.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failed.getCause());
    }

    /** The cache did not answer in time: reported as an unreachable cache ({@link SharedEndedSessions}). */
    static final class CacheTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CacheTimeoutException(String message) {
            super(message, null, false, false);
        }
    }
}
