package io.github.passage4j.ee;

import java.util.concurrent.ConcurrentMap;

/**
 * A shared {@link ConcurrentMap} found in JNDI, such as a WildFly Infinispan cache (an Infinispan {@code Cache} is a
 * {@code ConcurrentMap}), used through the JDK interface only, so the library needs no Infinispan classes.
 */
final class ConcurrentMapEntries implements SharedEndedSessions.Entries {

    private final ConcurrentMap<Object, Object> map;
    private final String jndiName;

    ConcurrentMapEntries(ConcurrentMap<Object, Object> map, String jndiName) {
        this.map = map;
        this.jndiName = jndiName;
    }

    @Override
    public Long get(String key) {
        return map.get(key) instanceof Long at ? at : null;
    }

    @Override
    public boolean putIfAbsent(String key, Long value) {
        return map.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean replace(String key, Long expected, Long value) {
        return map.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, Long expected) {
        return map.remove(key, expected);
    }

    @Override
    public String describe() {
        return jndiName;
    }
}
