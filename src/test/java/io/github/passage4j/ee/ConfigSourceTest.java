package io.github.passage4j.ee;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigSourceTest {

    /**
     * This test's class path is a server like GlassFish 8 before it binds its implementation: the MicroProfile Config
     * API is there (a provided dependency of the library), no implementation is.
     */
    @Test
    void theMicroProfileConfigApiWithoutAnImplementationFallsBackToSystemPropertiesAndEnvironment() {
        ClassLoader classLoader = ConfigSourceTest.class.getClassLoader();
        assertThrows(IllegalStateException.class, () -> ConfigProvider.getConfig(classLoader),
                "precondition: the API without an implementation");
        System.setProperty("passage.test-only-key", "property");
        try {
            assertEquals(Optional.of("property"), ConfigSource.forDeployment(classLoader).value("passage.test-only-key"));
        } finally {
            System.clearProperty("passage.test-only-key");
        }
    }
}
