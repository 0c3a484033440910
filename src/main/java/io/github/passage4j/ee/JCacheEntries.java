package io.github.passage4j.ee;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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
     * The named cache of the server's cache manager, created with entries expiring {@code timeToLive} after they are
     * written when the server does not define it. The server's cache manager is the {@code CacheManager} CDI bean it
     * offers (Payara's, bound to its own Hazelcast member); only without one is the default caching provider asked,
     * since on a server that has one the default provider may be a client looking for some other cluster.
     */
    static SharedEndedSessions.Entries open(String name, Duration timeToLive, ClassLoader classLoader,
                                            BeanManager beans) {
        CacheManager manager = serverCacheManager(beans)
                .orElseGet(() -> Caching.getCachingProvider(classLoader).getCacheManager());
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
    public String describe() {
        return cache.getName();
    }
}
