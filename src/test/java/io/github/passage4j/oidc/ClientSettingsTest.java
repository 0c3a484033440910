package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static ClientSettings withIssuer(String issuer) {
        return new ClientSettings(URI.create(issuer), "id", "secret", null, null, null, null, null);
    }

    private static ClientSettings withAlgorithms(Set<String> algorithms) {
        return new ClientSettings(URI.create("https://op.example"), "id", "secret", null, null, null, null, algorithms);
    }

    @Test
    void httpIssuerOnNonLoopbackHostIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withIssuer("http://op.example"));
        assertTrue(e.getMessage().contains("issuer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> withIssuer("http://128.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> withIssuer("http://localhost.evil.example"));
    }

    @Test
    void httpIssuerOnLoopbackHostIsAccepted() {
        assertDoesNotThrow(() -> withIssuer("http://localhost:8080/realms/x/"));
        assertDoesNotThrow(() -> withIssuer("http://127.0.0.1:9000"));
        assertDoesNotThrow(() -> withIssuer("http://127.1.2.3"));
        assertDoesNotThrow(() -> withIssuer("http://[::1]:8080"));
        assertDoesNotThrow(() -> withIssuer("https://op.example"));
    }

    @Test
    void relativeIssuerOrIssuerWithQueryIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> withIssuer("/relative"));
        assertThrows(IllegalArgumentException.class, () -> withIssuer("https://op.example?tenant=1"));
        assertThrows(IllegalArgumentException.class, () -> withIssuer("https://op.example#x"));
    }

    @Test
    void algorithmNoneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> withAlgorithms(Set.of("RS256", "none")));
    }

    @Test
    void unknownAlgorithmIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> withAlgorithms(Set.of("RS256", "EdDSA")));
    }

    @Test
    void hmacIsAllowedOnlyWhenListedExplicitly() {
        ClientSettings defaults = withAlgorithms(null);
        assertEquals(Set.of("RS256"), defaults.allowedSigningAlgorithms(), "OIDC Core 3.1.3.7 step 7: the default alg");
        assertFalse(defaults.allowedSigningAlgorithms().stream().anyMatch(a -> a.startsWith("HS")));
        assertTrue(withAlgorithms(Set.of("HS256")).allowedSigningAlgorithms().contains("HS256"));
    }

    @Test
    void toStringDoesNotRevealTheSecret() {
        ClientSettings settings = new ClientSettings(URI.create("https://op.example"), "id", "s3cr3t-value",
                List.of("openid"), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, null);
        assertFalse(settings.toString().contains("s3cr3t-value"), settings.toString());
        assertTrue(settings.toString().contains("https://op.example"));
    }

    @Test
    void scopeMustContainOpenidAndDefaultsToIt() {
        assertEquals(List.of("openid"), withIssuer("https://op.example").scope());
        assertThrows(IllegalArgumentException.class, () -> new ClientSettings(URI.create("https://op.example"), "id",
                "secret", List.of("email"), null, null, null, null));
    }

    @Test
    void scopeValueWithSpaceOrQuoteIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClientSettings(URI.create("https://op.example"), "id",
                "secret", List.of("openid", "email phone"), null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ClientSettings(URI.create("https://op.example"), "id",
                "secret", List.of("openid", "a\"b"), null, null, null, null));
    }

    @Test
    void nonPositiveTimeoutsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClientSettings(URI.create("https://op.example"), "id",
                "secret", null, Duration.ZERO, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ClientSettings(URI.create("https://op.example"), "id",
                "secret", null, null, Duration.ofSeconds(-1), null, null));
    }
}
