package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OIDC Core 3.1.3.7 step 13: auth_time present and within max_age (plus the clock skew) when max_age was sent. */
class AuthenticationAgeRuleTest {

    private final AuthenticationAgeRule rule = new AuthenticationAgeRule(TestSupport.SKEW, TestSupport.CLOCK);

    private static ValidatedIdToken token(Object authTime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user-42");
        if (authTime != null) {
            claims.put("auth_time", authTime);
        }
        return new ValidatedIdToken("raw", claims, "user-42", TestSupport.NOW.plusSeconds(300));
    }

    private static long secondsAgo(long seconds) {
        return TestSupport.NOW.minusSeconds(seconds).getEpochSecond();
    }

    private String refusal(ValidatedIdToken token, long maxAge) {
        return assertThrows(ProviderRejectedException.class, () -> rule.check(token, maxAge)).getMessage();
    }

    @Test
    void aMissingAuthTimeIsRefused() {
        assertTrue(refusal(token(null), 300).startsWith("OIDC Core 3.1.3.7 step 13: max_age was requested"));
        assertTrue(refusal(token("yesterday"), 300).contains("auth_time is missing or not a number"));
    }

    @Test
    void anAuthenticationOlderThanMaxAgeAndTheSkewIsRefused() {
        // 300 s allowed + 30 s skew: 331 s ago is one second too old
        assertTrue(refusal(token(secondsAgo(331)), 300).contains("older than the max_age of 300 s"));
        assertDoesNotThrow(() -> rule.check(token(secondsAgo(330)), 300));
        assertDoesNotThrow(() -> rule.check(token(secondsAgo(10)), 300));
    }

    @Test
    void maxAgeZeroAllowsOnlyTheSkew() {
        assertDoesNotThrow(() -> rule.check(token(secondsAgo(30)), 0));
        assertTrue(refusal(token(secondsAgo(31)), 0).contains("older than"));
    }

    @Test
    void anAuthenticationInTheFutureIsRefused() {
        assertTrue(refusal(token(TestSupport.NOW.plusSeconds(31).getEpochSecond()), 300).contains("future"));
        assertDoesNotThrow(() -> rule.check(token(TestSupport.NOW.plusSeconds(30).getEpochSecond()), 300));
    }
}
