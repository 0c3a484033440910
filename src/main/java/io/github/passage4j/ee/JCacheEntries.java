package io.github.passage4j.ee;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A JCache (JSR 107) cache of the server's caching provider, such as Payara's Hazelcast. Loaded only when a JCache
 * cache is configured, so servers without the {@code javax.cache} API never need it.
 */
final class JCacheEntries implements SharedEndedSessions.Entries {

    private static final System.Logger LOG = System.getLogger(JCacheEntries.class.getName());

    private final Cache<Object, Object> cache;

    private JCacheEntries(Cache<Object, Object> cache) {
        this.cache = cache;
    }

    /**
     * The named cache of the server's cache manager, created with entries expiring {@code timeToLive} after they are
     * last written when the server does not define it (see {@link #configuration}). The server's cache manager is the
     * {@code CacheManager} CDI bean it offers (Payara's, bound to its own Hazelcast member); only without one is the
     * default caching provider asked, since on a server that has one the default provider may be a client looking for
     * some other cluster.
     */
    static SharedEndedSessions.Entries open(String name, Duration timeToLive, ClassLoader classLoader,
                                            BeanManager beans) {
        CacheManager manager = serverCacheManager(beans)
                .orElseGet(() -> Caching.getCachingProvider(classLoader).getCacheManager());
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache == null) {
            try {
                cache = manager.createCache(name, configuration(timeToLive));
            } catch (CacheException createdMeanwhile) {
                // another node created it first
                cache = manager.getCache(name);
                if (cache == null) {
                    throw createdMeanwhile;
                }
            }
        }
        warnOfLossyConfiguration(cache);
        return new JCacheEntries(cache);
    }

    /**
     * Expiry from the latest write, not the creation: JSR 107 leaves an entry's expiry unchanged on a
     * {@code replace} under {@code CreatedExpiryPolicy}, so a second logout of the same key would vanish with the
     * first one's deadline, up to the time to live too early, and the ended session would come back.
     */
    static MutableConfiguration<Object, Object> configuration(Duration timeToLive) {
        return new MutableConfiguration<>()
                .setStoreByValue(true)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, timeToLive.toSeconds())));
    }

    /** An expiry that an update does not move would forget a repeated logout too early: said at deployment. */
    static void warnOfLossyConfiguration(Cache<Object, Object> cache) {
        if (!expiryMovesOnUpdate(cache)) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: the ended sessions cache '" + cache.getName()
                    + "' set by " + EndedSessionsCaches.SETTING + " keeps an entry's first expiry when it is "
                    + "updated, so a repeated logout may be forgotten too early; configure it to expire entries "
                    + "after their last update (or never)");
        }
    }

    /** Whether a write resets an entry's expiry (or entries never expire); false when the cache does not say. */
    private static boolean expiryMovesOnUpdate(Cache<Object, Object> cache) {
        try {
            @SuppressWarnings("unchecked")
            CompleteConfiguration<Object, Object> configuration = cache.getConfiguration(CompleteConfiguration.class);
            return expiryMovesOnUpdate(configuration.getExpiryPolicyFactory().create());
        } catch (RuntimeException notSaid) {
            return false;
        }
    }

    static boolean expiryMovesOnUpdate(ExpiryPolicy expiry) {
        javax.cache.expiry.Duration onCreation = expiry.getExpiryForCreation();
        javax.cache.expiry.Duration onUpdate = expiry.getExpiryForUpdate();
        return onCreation == null || onCreation.isEternal() || onUpdate != null && !onUpdate.isZero();
    }

    private static Optional<CacheManager> serverCacheManager(BeanManager beans) {
        Set<Bean<?>> found = beans.getBeans(CacheManager.class);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Bean<?> bean = beans.resolve(found);
        return Optional.of((CacheManager) beans.getReference(bean, CacheManager.class,
                beans.createCreationalContext(bean)));
    }

    @Override
    public Long get(String key) {
        return cache.get(key) instanceof Long at ? at : null;
    }

    @Override
    public boolean putIfAbsent(String key, Long value) {
        return cache.putIfAbsent(key, value);
    }

    @Override
    public boolean replace(String key, Long expected, Long value) {
        return cache.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, Long expected) {
        return cache.remove(key, expected);
    }

    @Override
    public String describe() {
        return cache.getName();
    }
}
