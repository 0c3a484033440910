package io.github.passage4j.ee;

import jakarta.enterprise.inject.spi.BeanManager;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Opens the {@link EndedSessions} the settings name ({@code endedSessionsCache}): this JVM's, a {@code ConcurrentMap}
 * in JNDI, or a JCache cache. Done while the app deploys, so a wrong name fails the deployment instead of the first
 * logout.
 */
final class EndedSessionsCaches {

    private static final System.Logger LOG = System.getLogger(EndedSessionsCaches.class.getName());
    static final String JNDI_PREFIX = "java:";
    static final String SETTING = "'endedSessionsCache' (config key "
            + SettingsResolver.configKey("endedSessionsCache") + ")";

    /** How long opening a JCache cache may take before the deployment fails instead of hanging. */
    static final Duration OPEN_BOUND = Duration.ofSeconds(30);

    private EndedSessionsCaches() {
    }

    /**
     * Runs {@code opening} on a daemon thread and waits at most {@code bound}: a caching provider that is a client of
     * an unreachable cluster retries forever, and a deployment must fail with a message rather than hang. A thread
     * that never returns is left behind, as a daemon.
     */
    static <T> T withinBound(Supplier<T> opening, ClassLoader classLoader, Duration bound) throws TimeoutException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(opening.get());
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        }, "passage4j-open-ended-sessions-cache");
        thread.setDaemon(true);
        thread.setContextClassLoader(classLoader);
        thread.start();
        try {
            return result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException failed) {
            throw TimeBoundEntries.unwrapped(failed);
        }
    }

    static EndedSessions open(SessionSettings settings, ClassLoader classLoader, BeanManager beans, Clock clock)
            throws InvalidSettingsException {
        String name = settings.endedSessionsCache();
        if (name.isEmpty()) {
            return new InMemoryEndedSessions(settings.maxAge(), clock);
        }
        SharedEndedSessions.Entries entries = name.startsWith(JNDI_PREFIX)
                ? jndiMap(name)
                : jcache(name, settings, classLoader, beans);
        warnThatEvictionMustBeOff(name);
        return new SharedEndedSessions(new TimeBoundEntries(entries, settings.endedSessionsCacheTimeout(), classLoader),
                settings.maxAge(), clock);
    }

    /**
     * Neither JCache nor {@code ConcurrentMap} tells whether the cache evicts entries to stay within a size or
     * memory bound (Payara's Hazelcast does beyond 10000 entries unless configured otherwise), and an evicted logout
     * record lets its ended sessions back in: said once at deployment.
     */
    private static void warnThatEvictionMustBeOff(String name) {
        LOG.log(System.Logger.Level.INFO, "Passage4J: the ended sessions cache " + name + " set by " + SETTING
                + " must not evict entries to stay within a size or memory bound; an evicted logout record would "
                + "let its ended sessions back in");
    }

    @SuppressWarnings("unchecked")
    private static SharedEndedSessions.Entries jndiMap(String name) throws InvalidSettingsException {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException notFound) {
            throw new InvalidSettingsException(List.of(SETTING + ": nothing is bound to " + name + " in JNDI ("
                    + notFound.getClass().getSimpleName() + "); a server that starts caches on demand (WildFly) needs "
                    + "the app to declare a reference to it, e.g. a resource-env-ref with this lookup-name in web.xml"));
        }
        if (!(found instanceof ConcurrentMap<?, ?> map)) {
            throw new InvalidSettingsException(List.of(SETTING + ": " + name + " is a "
                    + (found == null ? "null" : found.getClass().getName())
                    + ", not a java.util.concurrent.ConcurrentMap (such as an Infinispan cache)"));
        }
        return new ConcurrentMapEntries((ConcurrentMap<Object, Object>) map, name);
    }

    private static SharedEndedSessions.Entries jcache(String name, SessionSettings settings, ClassLoader classLoader,
                                                      BeanManager beans) throws InvalidSettingsException {
        try {
            return withinBound(() -> JCacheEntries.open(name, settings.maxAge(), classLoader, beans), classLoader,
                    OPEN_BOUND);
        } catch (TimeoutException hung) {
            throw new InvalidSettingsException(List.of(SETTING + ": the JCache cache '" + name + "' did not open "
                    + "within " + OPEN_BOUND.toSeconds() + " s (the server's caching provider may be a client "
                    + "waiting for a cluster it cannot reach)"));
        } catch (NoClassDefFoundError noJCache) {
            throw new InvalidSettingsException(List.of(SETTING + ": '" + name + "' names a JCache cache, but this "
                    + "server offers applications no JCache (javax.cache) API; name a java: JNDI ConcurrentMap "
                    + "instead"));
        } catch (RuntimeException unavailable) {
            throw new InvalidSettingsException(List.of(SETTING + ": the JCache cache '" + name + "' could not be "
                    + "opened (" + unavailable.getClass().getName() + ")"));
        }
    }
}
