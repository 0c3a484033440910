package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.oidc.TestSupport;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Provider error codes as shown, and the settings an operator is pointed to. */
class ErrorCodesTest {

    private static PassageSettings named(String name) {
        return new PassageSettings(name, TestSupport.settings("https://op.example"), "/passage/callback", true, "sub",
                "", "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout",
                SessionSettings.DEFAULT, Set.of("RS256"), SignInOptions.DEFAULT);
    }

    @Test
    void onlyTheShapeOfAnErrorCodeIsRepeated() {
        assertEquals("access_denied", ErrorCodes.safe("access_denied"));
        assertEquals("unknown error", ErrorCodes.safe("<script>"));
        assertEquals("unknown error", ErrorCodes.safe(null));
    }

    @Test
    void invalidClientNamesTheClientsSettingsAndTheirEnvironmentVariables() {
        String refusal = "RFC 6749 5.2: token endpoint refused the code (HTTP 401, error invalid_client)";
        String hint = ErrorCodes.operatorHint(refusal, named(""));
        assertTrue(hint.contains("passage.client-id / PASSAGE_CLIENT_ID"), hint);
        assertTrue(hint.contains("passage.client-secret / PASSAGE_CLIENT_SECRET"), hint);
        assertTrue(ErrorCodes.operatorHint(refusal, named("second")).contains(
                "passage.second.client-secret / PASSAGE_SECOND_CLIENT_SECRET"));
        assertEquals("", ErrorCodes.operatorHint("RFC 6749 5.2: token endpoint refused the code (HTTP 400, error "
                + "invalid_grant)", named("")), "a used code is no configuration fault");
    }
}
