package io.github.passage4j.ee;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/** Reads MicroProfile Config; loaded only when its API is present, so the library runs without it. */
final class MicroProfileConfigSource implements ConfigSource {

    private final Config config;

    private MicroProfileConfigSource(Config config) {
        this.config = config;
    }

    /**
     * The deployment's MicroProfile Config, or empty when the API is there but no implementation answers for this
     * deployment. GlassFish 8 has both, yet binds its implementation only once it has deployed an app it sees using
     * MicroProfile Config (a {@code microprofile-config.properties} in the WAR, {@code @ConfigProperty}, an injected
     * {@code Config}); before that, an app configured by environment variables alone gets "No ConfigProviderResolver
     * implementation found!", and would fail its deployment.
     */
    static Optional<ConfigSource> of(ClassLoader classLoader) {
        try {
            return Optional.of(new MicroProfileConfigSource(ConfigProvider.getConfig(classLoader)));
        } catch (IllegalStateException noImplementation) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank());
    }
}
