package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void defaults() {
        Main.Options options = Main.Options.parse();
        assertEquals("127.0.0.1", options.host);
        assertEquals(9000, options.port);
        assertEquals("demo-client", options.clientId);
        assertEquals("demo-secret", options.clientSecret);
        assertTrue(options.redirectUris.isEmpty());
    }

    @Test
    void flagsInBothForms() {
        Main.Options options = Main.Options.parse("--port", "0", "--client-id=app", "--client-secret", "s",
                "--redirect-uri", "http://localhost:8080/cb", "--host=localhost");
        assertEquals(0, options.port);
        assertEquals("app", options.clientId);
        assertEquals("s", options.clientSecret);
        assertEquals("localhost", options.host);
        assertEquals(List.of(URI.create("http://localhost:8080/cb")), options.redirectUris);
        assertTrue(Main.Options.parse("--help").help);
    }

    @Test
    void badFlagsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--port", "http"));
        assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--verbose"));
        assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--client-id="));
    }

    @Test
    void nonLoopbackHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalPassageProvider.builder().host("0.0.0.0"));
    }

    @Test
    void bannerNamesIssuerClientAndUsers() {
        Main.Options options = Main.Options.parse("--port", "0");
        try (LocalPassageProvider provider = Main.provider(options).start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Main.printBanner(provider, options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String banner = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains("issuer:        " + provider.issuer() + "\n"), banner);
            assertTrue(banner.contains("client id:     demo-client"), banner);
            assertTrue(banner.contains("user-alice  alice@example.com (verified)  +15555550100 (verified)"), banner);
            assertTrue(banner.contains("user-bob  bob@example.com (not verified)"), banner);
        }
    }
}
