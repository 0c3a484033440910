package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A resource's requirement judged on the claims of a caller's authentication, and step 12 at the callback. */
class AuthenticationRequirementTest {

    private static final AuthenticationRequirement GOLD_WITHIN_5_MIN =
            new AuthenticationRequirement(List.of("gold", "platinum"), Optional.of(Duration.ofMinutes(5)));

    private static long secondsAgo(long seconds) {
        return TestSupport.NOW.minusSeconds(seconds).getEpochSecond();
    }

    private static Optional<String> shortfall(Map<String, ?> claims) {
        return GOLD_WITHIN_5_MIN.shortfall(claims, TestSupport.NOW, TestSupport.SKEW);
    }

    @Test
    void anAcceptableAcrAuthenticatedRecentlyEnoughMeetsIt() {
        assertTrue(shortfall(Map.of("acr", "platinum", "auth_time", secondsAgo(10))).isEmpty());
        // 300 s and the 30 s skew
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", secondsAgo(330))).isEmpty());
    }

    @Test
    void anyOtherAcrOrAnOldMissingOrMistypedAuthTimeFallsShort() {
        assertTrue(shortfall(Map.of("acr", "silver", "auth_time", secondsAgo(10))).orElseThrow().contains("acr"));
        assertTrue(shortfall(Map.of("auth_time", secondsAgo(10))).isPresent());
        assertTrue(shortfall(Map.of("acr", List.of("gold"), "auth_time", secondsAgo(10))).isPresent());
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", secondsAgo(331))).orElseThrow().contains("older"));
        assertTrue(shortfall(Map.of("acr", "gold")).orElseThrow().contains("no auth_time"));
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", "recently")).isPresent());
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", Long.MAX_VALUE)).orElseThrow().contains("future"),
                "an absurd auth_time falls short rather than throwing");
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", Long.MIN_VALUE)).orElseThrow().contains("older"));
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", Double.NaN)).isPresent());
        assertTrue(shortfall(Map.of("acr", "gold", "auth_time", secondsAgo(-31))).orElseThrow().contains("future"));
    }

    @Test
    void itIsSentAsAcrValuesAndMaxAge() {
        assertEquals(Map.of("acr_values", "gold platinum", "max_age", "300"), GOLD_WITHIN_5_MIN.asParameters());
        assertThrows(IllegalArgumentException.class, () -> AuthenticationRequirement.of(
                AuthorizationParameters.ofSetting(Map.of("login_hint", "ada"))));
    }

    @Test
    void step12RefusesAnAcrThatWasNotAskedFor() {
        AuthenticationContextRule rule = new AuthenticationContextRule();
        ValidatedIdToken silver = new ValidatedIdToken("raw", Map.of("sub", "u", "acr", "silver"), "u",
                TestSupport.NOW.plusSeconds(60));
        assertTrue(assertThrows(ProviderRejectedException.class, () -> rule.check(silver, "gold platinum"))
                .getMessage().startsWith("OIDC Core 3.1.3.7 step 12"));
        ValidatedIdToken none = new ValidatedIdToken("raw", Map.of("sub", "u"), "u", TestSupport.NOW.plusSeconds(60));
        assertTrue(assertThrows(ProviderRejectedException.class, () -> rule.check(none, "gold"))
                .getMessage().contains("no acr"));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> rule.check(silver, "gold  silver"));
    }
}
