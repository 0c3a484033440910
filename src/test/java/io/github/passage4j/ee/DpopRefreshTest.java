package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.TestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A refresh of DPoP-bound tokens is signed by the session's key, and the refreshed session keeps it (RFC 9449 5). */
class DpopRefreshTest {

    private final FakeProvider fake;
    private final MutableClock clock = new MutableClock(TestSupport.NOW);
    private final ServletFakes.Session session = new ServletFakes.Session();

    DpopRefreshTest() throws Exception {
        fake = new FakeProvider();
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at-2\",\"token_type\":\"DPoP\","
                + "\"refresh_token\":\"rt-2\",\"expires_in\":600}"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theRefreshCarriesAProofOfTheSessionKeyAndTheKeyStays() throws Exception {
        PassageSettings settings = new PassageSettings(TestSupport.settings(fake.issuer), "/passage/callback", true,
                "sub", "", "/passage/logout", "/", null, Duration.ofSeconds(10), true, null,
                Set.of(TestSupport.CLIENT_ID), PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE);
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock);
        TokenRefresh refresh = new TokenRefresh(settings, new OpenIdProvider(settings.client(), clock),
                new CallerEstablishment(settings, GroupProviders.NONE, clock), new HttpSessionCallerStore(logouts),
                logouts, clock, duration -> {
                    throw new AssertionError("nothing to wait for");
                });
        DpopKey key = DpopKey.generate(List.of());
        Instant due = TestSupport.NOW.plusSeconds(5);
        PassageTokens tokens = new PassageTokens("h.p.s", "at-1", "rt-1", due, due, "DPoP", key.serialize());
        SignedInCaller caller = new SignedInCaller(new PassageProfile("alice", Map.of("sub", "alice")), Set.of(),
                tokens, Map.of("sub", "alice"), TestSupport.NOW.minusSeconds(600), "", "sign-in-1", key.serialize());
        session.attributes.put(HttpSessionCallerStore.ATTRIBUTE, caller);

        SignedInCaller refreshed = refresh.refresh(ServletFakes.request("/page").session(session).build(),
                new ServletFakes.Response().build(), caller).orElseThrow();

        SignedJWT proof = SignedJWT.parse(fake.tokenRequests.get(0).headers().getFirst("DPoP"));
        assertEquals(key.thumbprint(), proof.getHeader().getJWK().computeThumbprint().toString());
        assertEquals("at-2", refreshed.tokens().getAccessToken());
        assertEquals("DPoP", refreshed.tokens().getTokenType());
        assertEquals(key.thumbprint(), refreshed.dpopKeyOrNull().thumbprint());
    }
}
