package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenSettingsTest {

    private static final URI ISSUER = URI.create("https://op.example");

    private static AccessTokenSettings withAlgorithms(Set<String> algorithms) {
        return new AccessTokenSettings(ISSUER, null, Set.of("api"), null, null, null, algorithms);
    }

    @Test
    void passageAppSettingsPointAtTheAppsKeysWithoutDiscovery() {
        AccessTokenSettings settings = AccessTokenSettings.forPassageApp("aB3_x-9");
        assertEquals(URI.create("https://auth.passage.id/v1/apps/aB3_x-9"), settings.issuer());
        assertEquals(URI.create("https://auth.passage.id/v1/apps/aB3_x-9/.well-known/jwks.json"), settings.jwksUri());
        assertEquals(Set.of("aB3_x-9"), settings.audiences());
        assertEquals(Set.of("RS256"), settings.allowedSigningAlgorithms(), "RS256 only unless configured");
    }

    @Test
    void passageAppIdThatWouldChangeTheUrlIsRefused() {
        for (String appId : new String[] {"", "a/b", "../x", "a?b", "a b", "x".repeat(129)}) {
            assertThrows(IllegalArgumentException.class, () -> AccessTokenSettings.forPassageApp(appId), appId);
        }
    }

    @Test
    void issuerSettingsDiscoverTheKeysAndFillInDefaults() {
        AccessTokenSettings settings = AccessTokenSettings.forIssuer(ISSUER, Set.of("api"));
        assertNull(settings.jwksUri());
        assertEquals(Duration.ofSeconds(5), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.readTimeout());
        assertEquals(Duration.ofSeconds(60), settings.clockSkew());
        assertTrue(settings.toString().contains("(discovered)"), settings.toString());
    }

    @Test
    void hmacIsRefusedForAccessTokens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withAlgorithms(Set.of("RS256", "HS256")));
        assertTrue(e.getMessage().contains("HS256"), e.getMessage());
    }

    @Test
    void noneAndUnknownAlgorithmsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> withAlgorithms(Set.of("none")));
        assertThrows(IllegalArgumentException.class, () -> withAlgorithms(Set.of("EdDSA")));
        assertThrows(IllegalArgumentException.class, () -> withAlgorithms(Set.of()));
    }

    @Test
    void audiencesMustBeGiven() {
        assertThrows(NullPointerException.class, () -> new AccessTokenSettings(ISSUER, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> AccessTokenSettings.forIssuer(ISSUER, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> AccessTokenSettings.forIssuer(ISSUER, Set.of(" ")));
        Set<String> withNull = new HashSet<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> AccessTokenSettings.forIssuer(ISSUER, withNull));
    }

    @Test
    void insecureLocationsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> AccessTokenSettings.forIssuer(URI.create("http://op.example"), Set.of("api")));
        assertThrows(IllegalArgumentException.class, () -> new AccessTokenSettings(ISSUER,
                URI.create("http://keys.example/jwks"), Set.of("api"), null, null, null, null));
    }

    @Test
    void negativeSkewAndNonPositiveTimeoutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AccessTokenSettings(ISSUER, null, Set.of("api"), null,
                null, Duration.ofSeconds(-1), null));
        assertThrows(IllegalArgumentException.class, () -> new AccessTokenSettings(ISSUER, null, Set.of("api"),
                Duration.ZERO, null, null, null));
    }
}
