package io.github.passage4j.ee;

import java.util.Optional;

/** Where {@code passage.*} overrides of the annotation come from. */
interface ConfigSource {

    /**
     * @param key a {@code passage.*} key
     * @return the configured value, if set and not blank
     */
    Optional<String> value(String key);

    /**
     * MicroProfile Config when the server provides it for this deployment, else Java system properties and
     * environment variables read with MicroProfile Config's naming rules.
     */
    static ConfigSource forDeployment(ClassLoader classLoader) {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, classLoader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return new SystemConfigSource(System.getenv());
        }
        return MicroProfileConfigSource.of(classLoader).orElseGet(() -> new SystemConfigSource(System.getenv()));
    }
}
