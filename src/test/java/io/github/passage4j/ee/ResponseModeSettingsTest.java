package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.ResponseMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** responseMode: query by default, form_post from the annotation or configuration, anything else refused named. */
class ResponseModeSettingsTest {

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s")
    static class Plain {
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s", responseMode = "form_post")
    static class FormPost {
    }

    private final Map<String, String> config = new HashMap<>();

    private PassageSettings resolve(Class<?> type) throws InvalidSettingsException {
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        return new SettingsResolver(source, expression -> "unexpected")
                .resolve(type.getAnnotation(PassageAuthenticationDefinition.class));
    }

    @Test
    void queryByDefault() throws Exception {
        assertEquals(ResponseMode.QUERY, resolve(Plain.class).signIn().responseMode());
        assertEquals(SignInOptions.DEFAULT, resolve(Plain.class).signIn());
    }

    @Test
    void formPostFromTheAnnotationOrConfiguration() throws Exception {
        assertEquals(ResponseMode.FORM_POST, resolve(FormPost.class).signIn().responseMode());
        config.put("passage.response-mode", "query");
        assertEquals(ResponseMode.QUERY, resolve(FormPost.class).signIn().responseMode());
        config.put("passage.response-mode", "form_post");
        assertEquals(ResponseMode.FORM_POST, resolve(Plain.class).signIn().responseMode());
    }

    @Test
    void jwtModesFragmentAndOthersAreRefusedAtDeploymentNamingTheSetting() {
        for (String value : new String[] {"jwt", "form_post.jwt", "query.jwt", "fragment", "post"}) {
            config.put("passage.response-mode", value);
            String problems = assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage();
            assertTrue(problems.contains("'responseMode' (config key passage.response-mode; environment variable PASSAGE_RESPONSE_MODE)"), problems);
        }
        config.put("passage.response-mode", "form_post.jwt");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage()
                .contains("JARM"));
    }
}
