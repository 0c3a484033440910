package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final FakeProvider fake;
    private final AtomicLong nanos = new AtomicLong();

    DiscoveryTest() throws Exception {
        fake = new FakeProvider();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenIdProvider provider(String issuer) {
        return new OpenIdProvider(TestSupport.settings(issuer), TestSupport.CLOCK, TestSupport.tuning(nanos));
    }

    @Test
    void discoveryIsFetchedOnceAndCached() throws Exception {
        OpenIdProvider provider = provider(fake.issuer);
        assertEquals(0, fake.hits(WELL_KNOWN), "no I/O before first use");
        ProviderMetadata metadata = provider.metadata();
        provider.metadata();
        assertEquals(1, fake.hits(WELL_KNOWN));
        assertEquals(URI.create(fake.issuer + "/token"), metadata.tokenEndpoint());
        assertEquals(List.of("RS256", "PS256", "ES256"), metadata.idTokenSigningAlgValuesSupported());
        assertNull(metadata.userinfoEndpoint());
    }

    @Test
    void issuerMismatchIsRejected() {
        fake.discoveryDocument.put("issuer", "http://127.0.0.1:1/other");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> provider(fake.issuer).metadata());
        assertTrue(e.getMessage().contains("OIDC Discovery 4.3"), e.getMessage());
    }

    @Test
    void trailingSlashOnConfiguredIssuerIsTolerated() throws Exception {
        ProviderMetadata metadata = provider(fake.issuer + "/").metadata();
        // the document's exact spelling is what ID tokens are compared with
        assertEquals(fake.issuer, metadata.issuer().toString());
    }

    @Test
    void trailingSlashOnDocumentIssuerIsTolerated() throws Exception {
        fake.discoveryDocument.put("issuer", fake.issuer + "/");
        ProviderMetadata metadata = provider(fake.issuer).metadata();
        assertEquals(fake.issuer + "/", metadata.issuer().toString());
    }

    @Test
    void missingRequiredEndpointIsRejected() {
        fake.discoveryDocument.remove("jwks_uri");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> provider(fake.issuer).metadata());
        assertTrue(e.getMessage().contains("jwks_uri"), e.getMessage());
    }

    @Test
    void plainHttpEndpointOnNonLoopbackHostIsRejected() {
        fake.discoveryDocument.put("token_endpoint", "http://op.example/token");
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class, () -> provider(fake.issuer).metadata());
        assertTrue(e.getMessage().contains("token_endpoint"), e.getMessage());
    }

    @Test
    void garbageDocumentMeansUnavailable() {
        fake.on(WELL_KNOWN, FakeProvider.json(200, "<html>not json</html>"));
        assertThrows(ProviderUnavailableException.class, () -> provider(fake.issuer).metadata());
    }

    @Test
    void discoveryDownThenUpSucceedsAfterTheBackOff() throws Exception {
        fake.on(WELL_KNOWN, FakeProvider.json(503, "{}"));
        OpenIdProvider provider = provider(fake.issuer);
        assertThrows(ProviderUnavailableException.class, provider::metadata);
        assertEquals(1, fake.hits(WELL_KNOWN));

        fake.on(WELL_KNOWN, exchange -> FakeProvider.send(exchange, 200,
                com.nimbusds.jose.util.JSONObjectUtils.toJSONString(fake.discoveryDocument)));
        // within the back-off the failure is remembered and the provider is left alone
        assertThrows(ProviderUnavailableException.class, provider::metadata);
        assertEquals(1, fake.hits(WELL_KNOWN));

        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(fake.issuer, provider.metadata().issuer().toString());
        assertEquals(2, fake.hits(WELL_KNOWN));
    }

    @Test
    void unreachableProviderMeansUnavailable() {
        fake.close();
        assertThrows(ProviderUnavailableException.class, () -> provider(fake.issuer).metadata());
    }

    @Test
    void discoveryIsFetchedAgainInTheBackgroundAfterItsMaxAge() throws Exception {
        OpenIdProvider provider = provider(fake.issuer);
        provider.metadata();
        fake.discoveryDocument.put("token_endpoint", fake.issuer + "/moved-token");
        nanos.addAndGet(Duration.ofHours(23).toNanos());
        provider.metadata();
        assertEquals(1, fake.hits(WELL_KNOWN), "not yet due");

        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertEquals(URI.create(fake.issuer + "/token"), provider.metadata().tokenEndpoint(),
                "the known configuration answers while the new one is fetched");
        provider.connection().discovery().lastRefresh().get(10, TimeUnit.SECONDS);
        assertEquals(2, fake.hits(WELL_KNOWN));
        assertEquals(URI.create(fake.issuer + "/moved-token"), provider.metadata().tokenEndpoint());
    }

    @Test
    void aFailedReDiscoveryKeepsTheKnownConfiguration() throws Exception {
        OpenIdProvider provider = provider(fake.issuer);
        provider.metadata();
        fake.on(WELL_KNOWN, FakeProvider.json(503, "{}"));
        nanos.addAndGet(Duration.ofHours(24).toNanos());
        provider.metadata();
        provider.connection().discovery().lastRefresh().get(10, TimeUnit.SECONDS);
        assertEquals(2, fake.hits(WELL_KNOWN));
        assertEquals(URI.create(fake.issuer + "/token"), provider.metadata().tokenEndpoint());
        assertEquals(2, fake.hits(WELL_KNOWN), "within the back-off the provider is left alone");
    }

    @Test
    void aFailingTokenEndpointMakesDiscoveryLookAgain() throws Exception {
        OpenIdProvider provider = provider(fake.issuer);
        provider.metadata();
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        fake.on("/token", FakeProvider.json(404, "{}"));
        assertThrows(ProviderUnavailableException.class,
                () -> provider.exchangeCode("code", URI.create("https://app.example/cb"), "verifier"));
        provider.connection().discovery().lastRefresh().get(10, TimeUnit.SECONDS);
        assertEquals(2, fake.hits(WELL_KNOWN));
    }
}
