package io.github.passage4j.ee;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/** Reads MicroProfile Config; loaded only when its API is present, so the library runs without it. */
final class MicroProfileConfigSource implements ConfigSource {

    private final ClassLoader classLoader;

    MicroProfileConfigSource(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public Optional<String> value(String key) {
        return ConfigProvider.getConfig(classLoader).getOptionalValue(key, String.class)
                .filter(value -> !value.isBlank());
    }
}
