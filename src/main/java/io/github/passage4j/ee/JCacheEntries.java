package io.github.passage4j.ee;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A JCache (JSR 107) cache of the server's caching provider, such as Payara's Hazelcast. Loaded only when a JCache
 * cache is configured, so servers without the {@code javax.cache} API never need it.
 */
final class JCacheEntries implements SharedEndedSessions.Entries {

    private final Cache<Object, Object> cache;

    private JCacheEntries(Cache<Object, Object> cache) {
        this.cache = cache;
    }

    /**
     * The named cache of the default caching provider seen from {@code classLoader}, created with entries expiring
     * {@code timeToLive} after they are written when the server does not define it.
     */
    static SharedEndedSessions.Entries open(String name, Duration timeToLive, ClassLoader classLoader) {
        CacheManager manager = Caching.getCachingProvider(classLoader).getCacheManager();
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache == null) {
            MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>()
                    .setStoreByValue(true)
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.SECONDS, timeToLive.toSeconds())));
            try {
                cache = manager.createCache(name, configuration);
            } catch (CacheException createdMeanwhile) {
                // another node created it first
                cache = manager.getCache(name);
                if (cache == null) {
                    throw createdMeanwhile;
                }
            }
        }
        return new JCacheEntries(cache);
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
    public String describe() {
        return cache.getName();
    }
}
