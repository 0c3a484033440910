package io.github.passage4j.ee;

import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderConnections;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DefinitionStagesTest {

    private static PassageSettings definition(String name, String issuer, String appId) {
        ClientSettings client = new ClientSettings(URI.create(issuer), "client-" + name, "secret", List.of("openid"),
                null, null, null, null);
        return new PassageSettings(name, client, "/passage/callback/" + name, true, "sub", "", "/passage/logout",
                "/", null, Duration.ofSeconds(10), true, appId, Set.of("client-" + name),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout/" + name,
                SessionSettings.DEFAULT);
    }

    private static DefinitionStages stages(PassageSettings settings, ProviderConnections connections) {
        Clock clock = Clock.systemUTC();
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(1), clock), clock);
        return new DefinitionStages(settings, GroupProviders.NONE, new HttpSessionSignInStateStore(clock),
                new HttpSessionCallerStore(logouts), logouts, clock, connections);
    }

    @Test
    void definitionsOfOneIssuerAskItsDiscoveryOnceForSignInsAndBearerTokens() throws Exception {
        try (FakeProvider fake = new FakeProvider(); ProviderConnections connections = new ProviderConnections()) {
            DefinitionStages first = stages(definition("first", fake.issuer, null), connections);
            DefinitionStages second = stages(definition("second", fake.issuer, null), connections);

            first.redirect.startRequested(ServletFakes.request("/passage/signin/first").build(),
                    new ServletFakes.Response().build());
            second.redirect.startRequested(ServletFakes.request("/passage/signin/second").build(),
                    new ServletFakes.Response().build());
            // a bearer token is checked against the issuer's discovered keys: no discovery of its own either
            assertThrows(ProviderRejectedException.class, () -> second.bearer.authenticate("not.a.jwt", ""));
            assertEquals(1, fake.hits("/.well-known/openid-configuration"));
        }
    }

    @Test
    void definitionsOfOneIssuerShareOneConnectionWithTheirBearerValidation() {
        try (ProviderConnections connections = new ProviderConnections()) {
            stages(definition("first", "https://a.withpassage.com", null), connections);
            stages(definition("second", "https://a.withpassage.com", null), connections);
            assertEquals(1, connections.size(), "sign-in and bearer tokens of both definitions: one issuer");

            stages(definition("third", "https://b.withpassage.com", "app_1"), connections);
            assertEquals(3, connections.size(), "another issuer, and the app's element tokens (their own issuer)");
        }
    }
}
