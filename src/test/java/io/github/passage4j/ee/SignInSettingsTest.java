package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.PassageAuthenticationDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** extraParameters and userinfo: from the annotation or configuration, refused at deployment when they break a rule. */
class SignInSettingsTest {

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s")
    static class Plain {
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s", extraParameters = {"prompt=consent", "ui_locales=${locales}", "resource=https://api"
            + ".example/?a=b"}, userinfo = "skip")
    static class Shaped {
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s", extraParameters = {"state=fixed"})
    static class Protected {
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s", extraParameters = {"prompt=none login", "max_age", "prompt=login"})
    static class Invalid {
    }

    private final Map<String, String> config = new HashMap<>();

    private PassageSettings resolve(Class<?> type) throws InvalidSettingsException {
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        return new SettingsResolver(source, expression -> expression.equals("${locales}") ? "de en" : "unexpected")
                .resolve(type.getAnnotation(PassageAuthenticationDefinition.class));
    }

    private String refusal(Class<?> type) {
        return assertThrows(InvalidSettingsException.class, () -> resolve(type)).getMessage();
    }

    @Test
    void byDefaultNoneAndUserinfoAuto() throws Exception {
        assertEquals(SignInOptions.DEFAULT, resolve(Plain.class).signIn());
    }

    @Test
    void theAnnotationsEntriesAreNameValueWithExpressions() throws Exception {
        SignInOptions signIn = resolve(Shaped.class).signIn();
        assertEquals(Map.of("prompt", "consent", "ui_locales", "de en", "resource", "https://api.example/?a=b"),
                signIn.extraParameters().asMap());
        assertEquals(SignInOptions.Userinfo.SKIP, signIn.userinfo());
    }

    @Test
    void configurationIsOneQueryStringAndWins() throws Exception {
        config.put("passage.extra-parameters", "prompt=login&ui_locales=fr%20de&max_age=120");
        config.put("passage.userinfo", "auto");
        SignInOptions signIn = resolve(Shaped.class).signIn();
        assertEquals(Map.of("prompt", "login", "ui_locales", "fr de", "max_age", "120"),
                signIn.extraParameters().asMap());
        assertEquals(SignInOptions.Userinfo.AUTO, signIn.userinfo());
    }

    @Test
    void aProtectedParameterIsRefusedAtDeployment() {
        String problems = refusal(Protected.class);
        assertTrue(problems.contains("'extraParameters' (config key passage.extra-parameters)"), problems);
        assertTrue(problems.contains("state is set by the library and cannot be replaced"), problems);
        config.put("passage.extra-parameters", "scope=email");
        assertTrue(refusal(Plain.class).contains("scope is set by the library"));
    }

    @Test
    void anInvalidEntryIsRefusedAtDeployment() {
        String problems = refusal(Invalid.class);
        assertTrue(problems.contains("name=value"), problems);
        assertTrue(problems.contains("prompt is given more than once"), problems);
        config.put("passage.extra-parameters", "prompt=none%20login");
        assertTrue(refusal(Plain.class).contains("prompt none must not be combined"));
        config.put("passage.extra-parameters", "max_age=%zz");
        assertTrue(refusal(Plain.class).contains("percent-encoding"));
    }

    @Test
    void userinfoIsAutoSkipOrSigned() {
        config.put("passage.userinfo", "never");
        assertTrue(refusal(Plain.class).contains("'userinfo' (config key passage.userinfo) must be auto, skip or signed"));
    }
}
