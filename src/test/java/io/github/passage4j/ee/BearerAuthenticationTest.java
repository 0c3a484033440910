package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.util.Base64URL;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The unverified look at a bearer token that chooses its definition: hostile {@code iss} values cost nothing. */
class BearerAuthenticationTest {

    private static final Duration BACKSTOP = Duration.ofSeconds(5);

    private static String jwsWithIssuer(String iss) {
        return Base64URL.encode("{\"alg\":\"RS256\"}") + "." + Base64URL.encode("{\"iss\":\"" + iss + "\"}") + ".c2ln";
    }

    @Test
    void anIssuerOfASlashRunNotAtTheEndIsNeverLookedUp() {
        // 12,000 slashes then one other character: 0.25-0.85 s per call with the former regex strip
        String token = jwsWithIssuer("/".repeat(12_000) + "x");
        assertEquals(Optional.empty(), assertTimeoutPreemptively(BACKSTOP,
                () -> io.github.passage4j.oidc.UnverifiedJwt.issuer(token)));
    }

    @Test
    void sixteenKilobytesOfSlashesAreNoToken() {
        assertEquals(Optional.empty(), io.github.passage4j.oidc.UnverifiedJwt.issuer("/".repeat(16 * 1024)));
    }

    @Test
    void issuerKeyStripsTrailingSlashesInOnePass() {
        assertEquals("https://issuer.example", BearerAuthentication.issuerKey("https://issuer.example///"));
        assertEquals("https://issuer.example/a", BearerAuthentication.issuerKey("https://issuer.example/a"));
        assertEquals("", BearerAuthentication.issuerKey("////"));
        String hostile = "/".repeat(16 * 1024) + "x";
        assertEquals(hostile, assertTimeoutPreemptively(BACKSTOP, () -> BearerAuthentication.issuerKey(hostile)));
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveAndNeedsASpace() {
        assertEquals(Optional.of("abc"), BearerAuthentication.bearerToken(
                ServletFakes.request("/api").header("Authorization", "BeArEr abc").build()));
        assertEquals(Optional.empty(), BearerAuthentication.bearerToken(
                ServletFakes.request("/api").header("Authorization", "Bearerabc").build()));
        assertEquals(Optional.empty(), BearerAuthentication.bearerToken(
                ServletFakes.request("/api").header("Authorization", "Basic abc").build()));
        assertEquals(Optional.empty(), BearerAuthentication.bearerToken(ServletFakes.request("/api").build()));
    }
}
