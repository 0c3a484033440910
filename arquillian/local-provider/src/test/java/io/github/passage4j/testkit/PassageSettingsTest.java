package io.github.passage4j.testkit;

import io.github.passage4j.provider.LocalPassageProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassageSettingsTest {

    private final PassageSettings settings = PassageSettings.of(URI.create("http://127.0.0.1:9400"), "my-app",
            "se cret\\x");

    @Test
    void everyFormHasTheSameThreeValues() throws IOException {
        assertEquals(Map.of("passage.issuer", "http://127.0.0.1:9400", "passage.client-id", "my-app",
                "passage.client-secret", "se cret\\x"), settings.asMap());
        assertEquals(Map.of("PASSAGE_ISSUER", "http://127.0.0.1:9400", "PASSAGE_CLIENT_ID", "my-app",
                "PASSAGE_CLIENT_SECRET", "se cret\\x"), settings.asEnvironment());
        assertEquals(List.of("-Dpassage.issuer=http://127.0.0.1:9400", "-Dpassage.client-id=my-app",
                "-Dpassage.client-secret=se cret\\x"), settings.asJvmArguments());
        Properties file = new Properties();
        file.load(new StringReader(settings.microprofileConfigProperties()));
        assertEquals(settings.asSystemProperties(), file);
    }

    @Test
    void aNamedDefinitionHasItsOwnKeys() {
        PassageSettings second = settings.named("second");
        assertEquals("passage.second.issuer", second.key("issuer"));
        assertEquals("my-app", second.asMap().get("passage.second.client-id"));
        assertTrue(second.asEnvironment().containsKey("PASSAGE_SECOND_CLIENT_SECRET"));
        assertThrows(IllegalArgumentException.class, () -> settings.named("Second"));
    }

    @Test
    void readFromTheEnvironmentAServerIsStartedWith() {
        PassageSettings read = PassageSettings.fromEnvironment(PassageSettings.of(URI.create("http://127.0.0.1:9400"),
                "my-app", "s").asEnvironment(), null);
        assertEquals("my-app", read.clientId());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> PassageSettings.fromEnvironment(Map.of("PASSAGE_ISSUER", "http://127.0.0.1:1"), null));
        assertTrue(missing.getMessage().contains("PASSAGE_CLIENT_ID"), missing.getMessage());
    }

    @Test
    void theSecretIsNotShown() {
        assertFalse(settings.toString().contains("cret"), settings.toString());
    }

    @Test
    void aProviderServesTheSettings() {
        try (LocalPassageProvider provider = PassageSettings.of(URI.create("http://127.0.0.1:0"), "a", "b")
                .providerBuilder().build()) {
            assertFalse(provider.toString().contains("http"), "built, not started");
        }
        assertThrows(IllegalArgumentException.class,
                () -> PassageSettings.of(URI.create("https://example.com"), "a", "b").providerBuilder());
    }
}
