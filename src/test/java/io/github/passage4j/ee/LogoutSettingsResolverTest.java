package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.EndSessionMethod;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code passage.end-session-method} and {@code passage.revoke-tokens-on-logout}: defaults, overrides, mistakes. */
class LogoutSettingsResolverTest {

    @PassageAuthenticationDefinition(issuer = "https://op.example/", clientId = "app-client",
            clientSecret = "${secret}")
    static class Defaults {
    }

    @PassageAuthenticationDefinition(issuer = "https://op.example/", clientId = "app-client",
            clientSecret = "${secret}", endSessionMethod = "get", revokeTokensOnLogout = false)
    static class Annotated {
    }

    @PassageAuthenticationDefinition(name = "other", issuer = "https://op.example/", clientId = "app-client",
            clientSecret = "${secret}")
    static class Named {
    }

    private final Map<String, String> config = new HashMap<>();

    private LogoutSettings resolve(Class<?> type) throws InvalidSettingsException {
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        return new SettingsResolver(source, expression -> "a-secret")
                .resolve(type.getAnnotation(PassageAuthenticationDefinition.class)).logout();
    }

    @Test
    void postAndRevocationByDefault() throws Exception {
        assertEquals(LogoutSettings.DEFAULT, resolve(Defaults.class));
    }

    @Test
    void theAnnotationAndTheConfigurationChooseAndTheConfigurationWins() throws Exception {
        assertEquals(new LogoutSettings(EndSessionMethod.GET, false), resolve(Annotated.class));
        config.put("passage.end-session-method", "POST");
        config.put("passage.revoke-tokens-on-logout", "true");
        assertEquals(LogoutSettings.DEFAULT, resolve(Annotated.class));
        config.put("passage.end-session-method", " get ");
        assertEquals(EndSessionMethod.GET, resolve(Defaults.class).endSessionMethod());
    }

    @Test
    void aNamedDefinitionHasItsOwnKeys() throws Exception {
        config.put("passage.end-session-method", "get");
        config.put("passage.other.end-session-method", "post");
        config.put("passage.other.revoke-tokens-on-logout", "false");
        assertEquals(new LogoutSettings(EndSessionMethod.POST, false), resolve(Named.class));
    }

    @Test
    void anUnknownMethodOrFlagFailsTheDeploymentNamingTheSetting() {
        config.put("passage.end-session-method", "auto");
        config.put("passage.revoke-tokens-on-logout", "yes");
        InvalidSettingsException failure = assertThrows(InvalidSettingsException.class,
                () -> resolve(Defaults.class));
        String message = failure.getMessage();
        assertTrue(message.contains("passage.end-session-method"), message);
        assertTrue(message.contains("must be post or get"), message);
        assertTrue(message.contains("passage.revoke-tokens-on-logout"), message);
        assertFalse(message.contains("a-secret"));
    }
}
