package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hostile unverified tokens: each is refused by the one-pass shape check, i.e. before any decoder or JSON parser
 * sees it, or (for a plausible JWS) yields no issuer that would be looked up. The timeouts are only a backstop.
 */
class UnverifiedJwtTest {

    private static final Duration BACKSTOP = Duration.ofSeconds(5);
    private static final String HEADER = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"k\"}").toString();

    private static String jws(String payloadJson) {
        return HEADER + "." + Base64URL.encode(payloadJson) + ".c2ln";
    }

    @Test
    void aPlausibleTokenYieldsItsIssuer() {
        assertNull(UnverifiedJwt.shapeProblem(jws("{\"iss\":\"https://issuer.example/\"}")));
        assertEquals(Optional.of("https://issuer.example/"), UnverifiedJwt.issuer(jws("{\"iss\":\"https://issuer.example/\"}")));
        assertEquals(Optional.empty(), UnverifiedJwt.issuer(jws("{\"iss\":42}")));
        assertEquals(Optional.empty(), UnverifiedJwt.issuer(jws("[\"iss\"]")));
    }

    @Test
    void sixteenKilobytesOfSlashesAreRefusedBeforeParsing() {
        String slashes = "/".repeat(16 * 1024);
        assertNotNull(UnverifiedJwt.shapeProblem(slashes));
        assertNotNull(UnverifiedJwt.shapeProblem(HEADER + "." + slashes + ".c2ln"));
        assertEquals(Optional.empty(), assertTimeoutPreemptively(BACKSTOP, () -> UnverifiedJwt.issuer(slashes)));
    }

    @Test
    void anIssuerOfTwelveThousandSlashesIsNeverLookedUp() {
        // the finding: a regex strip of trailing '/' backtracks quadratically on this iss
        String hostile = jws("{\"iss\":\"" + "/".repeat(12_000) + "x\"}");
        assertTrue(hostile.length() <= UnverifiedJwt.MAX_LENGTH);
        assertNull(UnverifiedJwt.shapeProblem(hostile), "a well-shaped token: the cap on iss is what refuses it");
        assertEquals(Optional.empty(), assertTimeoutPreemptively(BACKSTOP, () -> UnverifiedJwt.issuer(hostile)));
        String longest = "https://i.example/" + "a".repeat(UnverifiedJwt.MAX_ISSUER_LENGTH - 18);
        assertEquals(Optional.of(longest), UnverifiedJwt.issuer(jws("{\"iss\":\"" + longest + "\"}")));
        assertEquals(Optional.empty(), UnverifiedJwt.issuer(jws("{\"iss\":\"" + longest + "a\"}")));
    }

    @Test
    void manyDotsAreRefusedBeforeParsing() {
        String dots = ".".repeat(16 * 1024);
        assertNotNull(UnverifiedJwt.shapeProblem(dots));
        assertNotNull(UnverifiedJwt.shapeProblem("a.b.c.d"));
        assertNotNull(UnverifiedJwt.shapeProblem("a.b.c.d.e.f"));
        assertNotNull(UnverifiedJwt.shapeProblem("a..c"), "an empty payload");
        assertNotNull(UnverifiedJwt.shapeProblem(".b.c"), "an empty header");
        assertNotNull(UnverifiedJwt.shapeProblem(""));
        assertNull(UnverifiedJwt.shapeProblem("a.b."), "alg none has an empty signature: refused later, as unsigned");
        assertTrue(UnverifiedJwt.hasEncryptedShape("a..c.d.e"));
        assertEquals(Optional.empty(), UnverifiedJwt.issuer("a.b.c.d.e"));
    }

    @Test
    void anOversizedHeaderOrTokenIsRefusedBeforeDecoding() {
        String header = "e".repeat(UnverifiedJwt.MAX_HEADER_LENGTH + 1);
        assertNotNull(UnverifiedJwt.shapeProblem(header + ".e30.c2ln"));
        assertNull(UnverifiedJwt.shapeProblem("e".repeat(UnverifiedJwt.MAX_HEADER_LENGTH) + ".e30.c2ln"));
        String oversized = jws("{\"iss\":\"https://issuer.example\",\"pad\":\"" + "p".repeat(UnverifiedJwt.MAX_LENGTH) + "\"}");
        assertEquals(Optional.empty(), UnverifiedJwt.issuer(oversized));
    }

    @Test
    void nonAsciiAndSpacesAreRefusedBeforeParsing() {
        assertNotNull(UnverifiedJwt.shapeProblem(HEADER + ".e30 .c2ln"));
        assertNotNull(UnverifiedJwt.shapeProblem(HEADER + ".e30=.c2ln"), "padding is not base64url (RFC 7515 2)");
        assertNotNull(UnverifiedJwt.shapeProblem(HEADER + ".\u00e930.c2ln"));
        assertNotNull(UnverifiedJwt.shapeProblem(HEADER + ".e30+/.c2ln"));
    }

    @Test
    void deeplyNestedJsonBeforeTheIssuerIsSkippedWithoutRecursion() {
        int depth = (UnverifiedJwt.MAX_LENGTH * 3 / 4 - 200) / 2;
        String nested = jws("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"iss\":\"https://issuer.example\"}");
        assertTrue(nested.length() <= UnverifiedJwt.MAX_LENGTH, "inside the cap, so the scan does see it");
        // brackets are counted, not recursed into: no stack overflow, and the issuer after them is found
        assertEquals(Optional.of("https://issuer.example"),
                assertTimeoutPreemptively(BACKSTOP, () -> UnverifiedJwt.issuer(nested)));
        String unclosed = jws("{\"a\":" + "[".repeat(depth) + ",\"iss\":\"https://issuer.example\"}");
        assertEquals(Optional.empty(), UnverifiedJwt.issuer(unclosed), "iss inside the unclosed array is no member");
    }

    @Test
    void onlyATopLevelStringIssCounts() {
        assertEquals("https://i.example/", UnverifiedJwt.topLevelIssuer(
                " {\"sub\":\"a\\\"b\",\"n\":-1.5e3,\"t\":true,\"o\":{\"iss\":\"inner\"},\"l\":[\"]\",{}],"
                        + "\"i\\u0073s\" : \"https:\\/\\/i.example\\/\"}"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"o\":{\"iss\":\"inner\"}}"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"iss\":null}"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"iss\":[\"a\"]}"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"iss\""));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"iss\":\"unterminated"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"iss\":\"bad \\q escape\"}"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"a\":1 \"iss\":\"x\"}"), "a missing comma");
        assertNull(UnverifiedJwt.topLevelIssuer("{}"));
        assertNull(UnverifiedJwt.topLevelIssuer(""));
        assertNull(UnverifiedJwt.topLevelIssuer("[\"iss\",\"x\"]"));
        assertEquals("x", UnverifiedJwt.topLevelIssuer("{\"realm_access\":{\"roles\":[\"a\"]},\"iss\":\"x\"}"));
    }

    @Test
    void theIssuerIsNotReadPastTheCap() {
        String longest = "a".repeat(UnverifiedJwt.MAX_ISSUER_LENGTH);
        assertEquals(longest, UnverifiedJwt.topLevelIssuer("{\"iss\":\"" + longest + "\"}"));
        assertNull(UnverifiedJwt.topLevelIssuer("{\"iss\":\"" + longest + "a\"}"));
    }
}
