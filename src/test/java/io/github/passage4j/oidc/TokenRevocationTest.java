package io.github.passage4j.oidc;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 7009 at logout: both tokens revoked with their hints, the client authenticated by the same chooser as at the
 * token endpoint, no DPoP proof, and every failure (status, timeout, missing endpoint) reported, never thrown.
 */
class TokenRevocationTest {

    private record Revocation(FakeProvider.Recorded request, Map<String, String> form) {
    }

    private FakeProvider fake;
    private final List<Revocation> revocations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeProvider();
        fake.discoveryDocument.put("revocation_endpoint", fake.issuer + "/revoke");
        fake.on("/revoke", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            revocations.add(new Revocation(new FakeProvider.Recorded(exchange.getRequestMethod(),
                    exchange.getRequestHeaders(), body), TestSupport.decodeForm(body)));
            FakeProvider.send(exchange, status, "");
        });
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theRefreshTokenFirstThenTheAccessTokenEachWithItsHintAndTheClientsSecret() {
        RevocationOutcome outcome = TestSupport.provider(fake).revokeTokens("rt-1", "at-1", null);
        assertTrue(outcome.offered());
        assertTrue(outcome.revoked(), outcome.problems());
        assertEquals(2, revocations.size());
        assertEquals(Map.of("token", "rt-1", "token_type_hint", "refresh_token"), revocations.get(0).form());
        assertEquals(Map.of("token", "at-1", "token_type_hint", "access_token"), revocations.get(1).form());
        for (Revocation each : revocations) {
            assertEquals("POST", each.request().method());
            // RFC 8414 2: a provider without token_endpoint_auth_methods_supported takes client_secret_basic
            assertEquals(FormEncoding.basicAuthorization(TestSupport.CLIENT_ID, TestSupport.CLIENT_SECRET),
                    each.request().headers().getFirst("Authorization"));
            assertNull(each.request().headers().getFirst("DPoP"));
        }
    }

    @Test
    void dpopBoundTokensAreRevokedWithAProofOfTheirKey() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        assertTrue(TestSupport.provider(fake).revokeTokens("rt-1", "at-1", key).revoked());
        assertEquals(2, revocations.size());
        for (Revocation each : revocations) {
            // a provider that holds DPoP bindings on every endpoint (Keycloak's FAPI 2.0 DPoP profile) wants one
            com.nimbusds.jwt.SignedJWT proof = com.nimbusds.jwt.SignedJWT.parse(
                    each.request().headers().getFirst("DPoP"));
            assertEquals("dpop+jwt", proof.getHeader().getType().getType());
            assertEquals(key.thumbprint(), proof.getHeader().getJWK().computeThumbprint().toString());
            assertTrue(proof.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
                    proof.getHeader().getJWK().toECKey())));
            assertEquals("POST", proof.getJWTClaimsSet().getStringClaim("htm"));
            assertEquals(fake.issuer + "/revoke", proof.getJWTClaimsSet().getStringClaim("htu"));
            assertNull(proof.getJWTClaimsSet().getClaim("ath"), "the token is the form's subject, no credential");
        }
    }

    @Test
    void withoutARefreshTokenOnlyTheAccessToken() {
        assertTrue(TestSupport.provider(fake).revokeTokens(null, "at-1", null).revoked());
        assertEquals(1, revocations.size());
        assertEquals("access_token", revocations.get(0).form().get("token_type_hint"));
    }

    @Test
    void theChooserOfTheTokenEndpointPicksTheMethodHereToo() {
        fake.discoveryDocument.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
        assertTrue(TestSupport.provider(fake).revokeTokens("rt-1", null, null).revoked());
        Map<String, String> form = revocations.get(0).form();
        assertEquals(TestSupport.CLIENT_ID, form.get("client_id"));
        assertEquals(TestSupport.CLIENT_SECRET, form.get("client_secret"));
        assertNull(revocations.get(0).request().headers().getFirst("Authorization"));
    }

    @Test
    void aFapiClientSendsAPrivateKeyJwtForTheIssuerAndNoDpopProof() throws Exception {
        OpenIdProvider provider = TestSupport.fapi2Provider(fake);
        assertTrue(provider.revokeTokens("rt-1", "at-1", null).revoked());
        for (Revocation each : revocations) {
            Map<String, String> form = each.form();
            assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            assertEquals(List.of(fake.issuer), assertion.getJWTClaimsSet().getAudience());
            assertNull(each.request().headers().getFirst("DPoP"), "RFC 9449 defines no proof for revocation");
        }
        assertFalse(revocations.get(0).form().get("client_assertion")
                .equals(revocations.get(1).form().get("client_assertion")), "a fresh assertion (jti) per request");
    }

    @Test
    void withoutARevocationEndpointNothingIsSent() {
        fake.discoveryDocument.remove("revocation_endpoint");
        RevocationOutcome outcome = TestSupport.provider(fake).revokeTokens("rt-1", "at-1", null);
        assertFalse(outcome.offered());
        assertEquals(0, fake.hits("/revoke"));
    }

    @Test
    void aFailingEndpointIsReportedWithoutTheTokens() {
        status = 500;
        RevocationOutcome outcome = TestSupport.provider(fake).revokeTokens("rt-secret", "at-secret", null);
        assertTrue(outcome.offered());
        assertFalse(outcome.revoked());
        assertTrue(outcome.problems().contains("RFC 7009 2.2"), outcome.problems());
        assertTrue(outcome.problems().contains("HTTP 500"), outcome.problems());
        assertFalse(outcome.problems().contains("rt-secret") || outcome.problems().contains("at-secret"));
        assertEquals(2, revocations.size(), "the access token is still tried");
    }

    @Test
    void aHangingEndpointCostsOneReadTimeoutAndTheSecondTokenIsNotSent() {
        fake.on("/revoke", fake.silent());
        ClientSettings quick = TestSupport.settings(fake.issuer, null, Duration.ofMillis(300));
        OpenIdProvider provider = new OpenIdProvider(quick, TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
        provider.revokeTokens(null, null, null);
        long started = System.nanoTime();
        RevocationOutcome outcome = provider.revokeTokens("rt-1", "at-1", null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(outcome.revoked());
        // which timer ends the wait (the client's request timeout or ours, both the read timeout) is up to the load
        assertTrue(outcome.problems().contains("did not answer") || outcome.problems().contains("timed out"),
                outcome.problems());
        assertTrue(outcome.problems().contains("the access_token was not sent"), outcome.problems());
        assertEquals(1, fake.hits("/revoke"), "one timeout, not one per token");
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "bounded by the timeout, not the provider: " + took);
    }

    @Test
    void anUnreachableProviderIsReportedNotThrown() {
        fake.close();
        RevocationOutcome outcome = TestSupport.provider(fake).revokeTokens("rt-1", "at-1", null);
        assertFalse(outcome.revoked());
        assertFalse(outcome.problems().isEmpty());
    }
}
