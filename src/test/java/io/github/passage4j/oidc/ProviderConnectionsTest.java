package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One HTTP client, discovery and key set per issuer, and their threads ended by close(). */
class ProviderConnectionsTest {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final FakeProvider fake;
    private final ProviderConnections connections = new ProviderConnections(TestSupport.tuning(new AtomicLong()));

    ProviderConnectionsTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
    }

    @AfterEach
    void stop() {
        connections.close();
        fake.close();
    }

    private OpenIdProvider provider(String clientId) {
        ClientSettings base = TestSupport.settings(fake.issuer);
        return new OpenIdProvider(new ClientSettings(base.issuer(), clientId, base.clientSecret(), base.scope(),
                base.connectTimeout(), base.readTimeout(), base.clockSkew(), base.allowedSigningAlgorithms()),
                TestSupport.CLOCK, ReplayGuard.inMemory(100, TestSupport.CLOCK), connections);
    }

    private AccessTokenValidator accessTokens(URI jwksUriOrNull) {
        ClientSettings base = TestSupport.settings(fake.issuer);
        return new AccessTokenValidator(new AccessTokenSettings(URI.create(fake.issuer), jwksUriOrNull,
                Set.of(TestSupport.CLIENT_ID), base.connectTimeout(), base.readTimeout(), TestSupport.SKEW, null),
                TestSupport.CLOCK, connections);
    }

    private String idToken() {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                TestSupport.claims(fake.issuer), TestSupport.signer(TestSupport.RSA_1));
    }

    private String accessToken() {
        Map<String, Object> claims = TestSupport.claims(fake.issuer);
        claims.remove("nonce");
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
    }

    @Test
    void everythingOfOneIssuerSharesOneConnection() throws Exception {
        OpenIdProvider first = provider(TestSupport.CLIENT_ID);
        OpenIdProvider second = provider("another-client");
        AccessTokenValidator bearer = accessTokens(null);
        assertSame(first.connection(), second.connection());
        assertSame(first.connection(), bearer.connection());
        assertEquals(1, connections.size());

        first.validateIdToken(idToken(), TestSupport.NONCE, null);
        second.metadata();
        bearer.validateAccessToken(accessToken());
        assertEquals(1, fake.hits(WELL_KNOWN), "one discovery for the issuer");
        assertEquals(1, fake.hits("/jwks"), "one key set for the issuer");
    }

    @Test
    void aConfiguredKeySetLocationIsAnotherConnection() {
        AccessTokenValidator discovered = accessTokens(null);
        AccessTokenValidator configured = accessTokens(URI.create(fake.issuer + "/jwks"));
        assertNotSame(discovered.connection(), configured.connection());
        assertEquals(2, connections.size());
    }

    @Test
    void closeEndsTheClientsThreadsAndLaterCallsFailAsUnavailable() throws Exception {
        List<Thread> before = new java.util.ArrayList<>(httpThreads());
        before.addAll(selectorThreads());
        OpenIdProvider provider = provider(TestSupport.CLIENT_ID);
        provider.validateIdToken(idToken(), TestSupport.NONCE, null);
        List<Thread> ours = httpThreads().stream().filter(thread -> !before.contains(thread)).toList();
        assertFalse(ours.isEmpty(), "the client runs on threads of its own");
        List<Thread> selectors = selectorThreads().stream().filter(thread -> !before.contains(thread)).toList();
        assertEquals(1, selectors.size(), "one client, one selector thread");

        connections.close();
        for (Thread thread : ours) {
            thread.join(Duration.ofSeconds(10).toMillis());
            assertFalse(thread.isAlive(), thread.getName());
        }
        // before Java 21 the selector ends once its client is collected: only if nothing still holds the client
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (selectors.get(0).isAlive() && System.nanoTime() < deadline) {
            System.gc();
            selectors.get(0).join(200);
        }
        assertFalse(selectors.get(0).isAlive(), selectors.get(0).getName() + " outlived the closed connections");
        assertThrows(ProviderUnavailableException.class,
                () -> provider.exchangeCode("code", URI.create("https://app.example/cb"), "verifier"));
        assertThrows(IllegalStateException.class, () -> provider("late"));
    }

    @Test
    void aClosedConnectionRefusesBackgroundWork() {
        ProviderConnection connection = provider(TestSupport.CLIENT_ID).connection();
        connection.close();
        assertFalse(connection.http().inBackground(() -> { }));
    }

    private static List<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("HttpClient-")
                        && thread.getName().endsWith("-SelectorManager")).toList();
    }

    private static List<Thread> httpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("passage4j-http-")).toList();
    }
}
