package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.PassageAuthenticationDefinition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * extraParameters, userinfo and stepUp: from the annotation or configuration, refused at deployment when they break
 * a rule.
 */
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

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s", stepUp = {"/admin/*?acr_values=urn:example:mfa%20urn:example:hwk",
                "/transfer?max_age=300&acr_values=urn:example:mfa"})
    static class SteppedUp {
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
        assertTrue(problems.contains("'extraParameters' (config key passage.extra-parameters; environment variable PASSAGE_EXTRA_PARAMETERS)"), problems);
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
        assertTrue(refusal(Plain.class).contains("'userinfo' (config key passage.userinfo; environment variable PASSAGE_USERINFO) must be auto, skip or signed"));
    }

    @Test
    void stepUpEntriesAreUrlPatternsWithTheirRequirement() throws Exception {
        StepUpRequirements stepUp = resolve(SteppedUp.class).signIn().stepUp();
        assertEquals(List.of("urn:example:mfa", "urn:example:hwk"),
                stepUp.forPath("/admin/users").orElseThrow().acrValues());
        assertEquals(Optional.of(Duration.ofSeconds(300)), stepUp.forPath("/transfer").orElseThrow().maxAge());
        assertTrue(stepUp.forPath("/transfer/history").isEmpty(), "an exact pattern covers that path only");
        assertTrue(resolve(Plain.class).signIn().stepUp().isEmpty());
    }

    @Test
    void configurationSeparatesStepUpEntriesByCommasAndWins() throws Exception {
        config.put("passage.step-up", "/pay/*?max_age=60 , *.pdf?acr_values=urn:example:hwk");
        StepUpRequirements stepUp = resolve(SteppedUp.class).signIn().stepUp();
        assertTrue(stepUp.forPath("/admin/users").isEmpty());
        assertEquals(Optional.of(Duration.ofSeconds(60)), stepUp.forPath("/pay/now").orElseThrow().maxAge());
        assertEquals(List.of("urn:example:hwk"), stepUp.forPath("/reports/q3.pdf").orElseThrow().acrValues());
    }

    @Test
    void aStepUpEntryThatIsNoRequirementIsRefusedAtDeployment() {
        for (String[] entry : new String[][] {
            {"/admin/*", "needs ?acr_values=...&max_age=..."},
            {"/admin/*?prompt=login", "sets only acr_values and max_age, not prompt"},
            {"/admin/*?max_age=soon", "max_age"},
            {"admin/*?max_age=60", "is no URL pattern"},
            {"/a*b/*?max_age=60", "is no URL pattern"},
            {"/a?max_age=60,/a?acr_values=x", "/a is given twice"},
            {"/a?acr_values=%20", "at least one value"}}) {
            config.put("passage.step-up", entry[0]);
            String problems = refusal(Plain.class);
            assertTrue(problems.contains("(config key passage.step-up; environment variable PASSAGE_STEP_UP)"), problems);
            assertTrue(problems.contains(entry[1]), entry[0] + ": " + problems);
        }
    }
}
