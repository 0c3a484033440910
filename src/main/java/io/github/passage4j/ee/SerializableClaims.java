package io.github.passage4j.ee;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies JSON claims into collections that serialize, so a {@link SignedInCaller} replicates with its session. The
 * OpenID core's immutable maps promise immutability, not serializability.
 */
final class SerializableClaims {

    private SerializableClaims() {
    }

    static Map<String, Object> copy(Map<String, ?> claims) {
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name, copyValue(value));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((name, item) -> {
                if (name != null && item != null) {
                    nested.put(name.toString(), copyValue(item));
                }
            });
            return Collections.unmodifiableMap(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(item == null ? null : copyValue(item)));
            return Collections.unmodifiableList(items);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        return value.toString();
    }
}
