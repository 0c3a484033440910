package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.passage4j.oidc.ClientProtocol;
import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.TestSupport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 9449 10: a sign-in start makes the session's DPoP key, keeps it with the attempt and names it as dpop_jkt. */
class DpopSignInTest {

    private static DefinitionStages stages(String issuer, boolean dpop, HttpSessionSignInStateStore states,
                                           ProviderConnections connections) {
        ClientSettings client = new ClientSettings(URI.create(issuer), "client-1", "secret", List.of("openid"),
                null, null, null, null, new ClientProtocol(null, null, null, false, dpop, false, null));
        PassageSettings settings = new PassageSettings("", client, "/passage/callback", true, "sub", "",
                "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout",
                SessionSettings.DEFAULT);
        Clock clock = Clock.systemUTC();
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(1), clock), clock);
        return new DefinitionStages(settings, GroupProviders.NONE, states, new HttpSessionCallerStore(logouts),
                logouts, clock, connections);
    }

    private static Map<String, String> query(String location) {
        return TestSupport.decodeForm(URI.create(location).getRawQuery());
    }

    @Test
    void theAttemptKeepsTheKeyTheRequestNames() throws Exception {
        try (FakeProvider fake = new FakeProvider(); ProviderConnections connections = new ProviderConnections()) {
            HttpSessionSignInStateStore states = new HttpSessionSignInStateStore(Clock.systemUTC());
            ServletFakes.Request request = ServletFakes.request("/passage/signin");
            ServletFakes.Response response = new ServletFakes.Response();
            stages(fake.issuer, true, states, connections).redirect.startRequested(request.build(), response.build());

            Map<String, String> parameters = query(response.header("Location"));
            SignInState attempt = states.consume(request.build(), new ServletFakes.Response().build(),
                    parameters.get("state")).orElseThrow();
            assertEquals(DpopKey.parse(attempt.dpopKey()).thumbprint(), parameters.get("dpop_jkt"));
        }
    }

    @Test
    void withoutDpopThereIsNoKeyAndNoDpopJkt() throws Exception {
        try (FakeProvider fake = new FakeProvider(); ProviderConnections connections = new ProviderConnections()) {
            HttpSessionSignInStateStore states = new HttpSessionSignInStateStore(Clock.systemUTC());
            ServletFakes.Request request = ServletFakes.request("/passage/signin");
            ServletFakes.Response response = new ServletFakes.Response();
            stages(fake.issuer, false, states, connections).redirect.startRequested(request.build(), response.build());

            Map<String, String> parameters = query(response.header("Location"));
            assertFalse(parameters.containsKey("dpop_jkt"));
            assertNull(states.consume(request.build(), new ServletFakes.Response().build(), parameters.get("state"))
                    .orElseThrow().dpopKey());
        }
    }
}
