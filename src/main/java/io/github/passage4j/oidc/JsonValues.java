package io.github.passage4j.oidc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed JSON (as produced by Nimbus' {@code JSONObjectUtils}, whose maps and lists are
 * mutable and partly library types) into deeply immutable JDK collections, so that what we hand
 * to the glue code cannot be changed behind our back and does not leak shaded library types.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** A deep, immutable, order-preserving copy; JSON nulls are kept, so Map.copyOf cannot be used. */
    static Map<String, Object> immutableObject(Map<String, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((name, value) -> copy.put(name, immutableValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static List<Object> immutableArray(List<?> array) {
        List<Object> copy = new ArrayList<>(array.size());
        array.forEach(value -> copy.add(immutableValue(value)));
        return Collections.unmodifiableList(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object immutableValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return immutableObject((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return immutableArray(list);
        }
        // String, Boolean, Long, Double and null are immutable already
        return value;
    }
}
