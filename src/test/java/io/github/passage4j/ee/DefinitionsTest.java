package io.github.passage4j.ee;

import io.github.passage4j.oidc.ClientSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefinitionsTest {

    private static PassageSettings definition(String name, SessionSettings session) {
        ClientSettings client = new ClientSettings(URI.create("https://" + (name.isEmpty() ? "a" : name)
                + ".withpassage.com"), "client", "secret", List.of("openid"), null, null, null, null);
        String suffix = name.isEmpty() ? "" : "/" + name;
        return new PassageSettings(name, client, "/passage/callback" + suffix, true, "sub", "", "/passage/logout",
                "/", null, Duration.ofSeconds(10), true, null, Set.of("client"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout" + suffix, session);
    }

    @Test
    void allDefinitionsShareTheAppsSessionSettings() throws Exception {
        SessionSettings stateless = new SessionSettings(true, CookieKeys.parse(SealedCookieCodecTest.newKey()), "",
                Duration.ofHours(1));
        Definitions both = Definitions.of(List.of(definition("", stateless), definition("second", stateless)));
        assertEquals(stateless, both.session());

        InvalidSettingsException differing = assertThrows(InvalidSettingsException.class, () -> Definitions.of(
                List.of(definition("", stateless), definition("second", SessionSettings.DEFAULT))));
        assertTrue(differing.getMessage().contains("the session settings (stateless, cookieEncryptionKeys, "
                + "endedSessionsCache, endedSessionsCacheTimeout, sessionMaxAge, baseUrl) of the unnamed definition "
                + "and definition 'second' differ"),
                differing.getMessage());
    }
}
