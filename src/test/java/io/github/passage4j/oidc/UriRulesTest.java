package io.github.passage4j.oidc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UriRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "127.10.0.200", "[::1]", "::1",
            "[0:0:0:0:0:0:0:1]"})
    void loopbackHosts(String host) {
        assertTrue(UriRules.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "0x7f.0.0.1", "127.1",
            "127.0.1", "0177.0.0.1", "127.000.0.1", "127.0.0.01", "127.0.0.256", "127.0.0.1.", "localhost.",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[::1%25lo]", "2130706433", "128.0.0.1",
            "example.com", "", "[]", "[::2]"})
    void hostsThatOnlyLookLikeLoopback(String host) {
        assertFalse(UriRules.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.evil.example/", "http://localhost.evil.example/x", "http://127.0.0.1.nip.io/",
            "http://0x7f.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://127.1/"})
    void plainHttpToSuchHostsIsRefused(String uri) {
        // java.net.URI finds no host at all in some of them (127.1, 0x7f.0.0.1): refused either way
        assertNotNull(UriRules.problemWith(URI.create(uri)), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/", "http://127.0.0.1:9000/x", "http://[::1]:9000/",
            "https://127.evil.example/"})
    void plainHttpToLoopbackAndHttpsAnywhereAreAccepted(String uri) {
        assertNull(UriRules.problemWith(URI.create(uri)));
    }

    @Test
    void noHostIsNoLoopback() {
        assertFalse(UriRules.isLoopback(null));
    }
}
