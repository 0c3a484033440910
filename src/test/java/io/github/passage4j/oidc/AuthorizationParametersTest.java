package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OIDC Core 3.1.2.1: what extra authorization parameters a setting and a request may carry, and their values. */
class AuthorizationParametersTest {

    private static String refusal(Runnable making) {
        return assertThrows(IllegalArgumentException.class, making::run).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"state", "nonce", "code_challenge", "code_challenge_method", "redirect_uri", "client_id",
        "response_type", "request", "request_uri", "scope", "dpop_jkt", "response_mode"})
    void neitherASettingNorARequestReplacesWhatProtectsTheSignIn(String name) {
        assertTrue(refusal(() -> AuthorizationParameters.ofSetting(Map.of(name, "x"))).contains("cannot be replaced"));
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of(name, "x"))).contains("cannot be replaced"));
    }

    @Test
    void aRequestPassesOnlyTheAllowList() {
        AuthorizationParameters allowed = AuthorizationParameters.ofRequest(Map.of("prompt", "login",
                "login_hint", "ada@example.com", "acr_values", "urn:mace:incommon:iap:silver", "max_age", "300",
                "ui_locales", "de en", "claims_locales", "de", "display", "page"));
        assertEquals(7, allowed.asMap().size());
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("resource", "x")))
                .contains("cannot be given by a request"));
        // a setting may send what a request may not
        assertEquals("x", AuthorizationParameters.ofSetting(Map.of("resource", "x")).asMap().get("resource"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "login", "consent", "select_account", "login consent", "consent select_account"})
    void promptTakesTheDefinedValues(String prompt) {
        assertEquals(prompt, AuthorizationParameters.ofRequest(Map.of("prompt", prompt)).asMap().get("prompt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none login", "login none", "login login", "again", "login  consent", " login", "LOGIN"})
    void promptRefusesUndefinedRepeatedOrNoneWithOthers(String prompt) {
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("prompt", prompt)))
                .startsWith("OIDC Core 3.1.2.1: prompt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "abc", "12345678901", "+3", " 3"})
    void maxAgeIsANonNegativeWholeNumber(String maxAge) {
        assertTrue(refusal(() -> AuthorizationParameters.ofSetting(Map.of("max_age", maxAge))).contains("max_age"));
    }

    @Test
    void maxAgeAndAcrValuesAreRead() {
        AuthorizationParameters parameters = AuthorizationParameters.ofRequest(Map.of("max_age", "0",
                "acr_values", "gold silver"));
        assertEquals(Optional.of(0L), parameters.maxAge());
        assertEquals(Optional.of("gold silver"), parameters.acrValues());
        assertEquals(Optional.empty(), AuthorizationParameters.NONE.maxAge());
    }

    @Test
    void displayTakesTheDefinedValues() {
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("display", "fullscreen")))
                .contains("display"));
    }

    @Test
    void valuesAreBoundedAndFreeOfControlCharacters() {
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("login_hint", "a".repeat(513))))
                .contains("512"));
        assertEquals(512, AuthorizationParameters.ofRequest(Map.of("login_hint", "a".repeat(512))).asMap()
                .get("login_hint").length());
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("login_hint", "ada\r\nX: y")))
                .contains("control character"));
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("login_hint", "ada\u007f")))
                .contains("control character"));
        assertTrue(refusal(() -> AuthorizationParameters.ofRequest(Map.of("login_hint", ""))).contains("1 to"));
        assertTrue(refusal(() -> AuthorizationParameters.ofSetting(Map.of("bad name", "x"))).contains("no "
                + "authorization parameter name"));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("p" + i, "v");
        }
        assertTrue(refusal(() -> AuthorizationParameters.ofSetting(many)).contains("at most 16"));
    }

    @Test
    void aRequestAddsToTheSettingButCannotWeakenIt() {
        AuthorizationParameters setting = AuthorizationParameters.ofSetting(Map.of("prompt", "login",
                "acr_values", "mfa", "max_age", "900"));
        AuthorizationParameters merged = setting.with(AuthorizationParameters.ofRequest(Map.of("prompt", "none",
                "acr_values", "pwd", "max_age", "9999999999", "ui_locales", "de")));
        // the deployment's prompt and acr_values stay; of two max_age the stricter; the request's own names added
        assertEquals(Map.of("prompt", "login", "acr_values", "mfa", "max_age", "900", "ui_locales", "de"),
                merged.asMap());
        assertEquals("60", setting.with(AuthorizationParameters.ofRequest(Map.of("max_age", "60"))).asMap()
                .get("max_age"), "a request may ask for a more recent authentication");
        assertEquals(setting, setting.with(AuthorizationParameters.NONE));
    }

    @Test
    void protectedNamesAreRefusedInAnyCaseAndCredentialsAmongThem() {
        for (String name : List.of("Scope", "RESPONSE_MODE", "Redirect_URI", "client_secret", "client_assertion",
                "client_assertion_type", "id_token_hint")) {
            assertTrue(refusal(() -> AuthorizationParameters.ofSetting(Map.of(name, "x"))).contains("cannot be "
                    + "replaced"), name);
        }
    }

    @Test
    void toStringShowsNoValue() {
        assertEquals("AuthorizationParameters[login_hint]",
                AuthorizationParameters.ofRequest(Map.of("login_hint", "ada@example.com")).toString());
    }
}
