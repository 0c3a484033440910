package io.github.passage4j.ee;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * System properties, then environment variables, found as MicroProfile Config would find them: the exact key,
 * the key with every non-alphanumeric character replaced by {@code _}, and that in upper case
 * ({@code passage.client-secret} is also {@code PASSAGE_CLIENT_SECRET}).
 */
final class SystemConfigSource implements ConfigSource {

    private final Map<String, String> environment;

    SystemConfigSource(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> value(String key) {
        String property = System.getProperty(key);
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
        return Stream.of(key, underscored, underscored.toUpperCase(Locale.ROOT))
                .map(environment::get)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
