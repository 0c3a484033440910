package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SystemConfigSourceTest {

    @Test
    void environmentVariablesFollowMicroProfileNaming() {
        SystemConfigSource source = new SystemConfigSource(Map.of("PASSAGE_CLIENT_SECRET", "s3cret",
                "passage_client_id", "lower", "PASSAGE_ISSUER", " "));
        assertEquals(Optional.of("s3cret"), source.value("passage.client-secret"));
        assertEquals(Optional.of("lower"), source.value("passage.client-id"));
        assertEquals(Optional.empty(), source.value("passage.issuer"), "blank values count as unset");
    }

    @Test
    void systemPropertiesComeFirst() {
        System.setProperty("passage.test-only-key", "property");
        try {
            SystemConfigSource source = new SystemConfigSource(Map.of("PASSAGE_TEST_ONLY_KEY", "environment"));
            assertEquals(Optional.of("property"), source.value("passage.test-only-key"));
        } finally {
            System.clearProperty("passage.test-only-key");
        }
    }
}
