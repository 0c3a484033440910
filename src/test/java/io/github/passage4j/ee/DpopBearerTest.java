package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.InvalidDpopProofException;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.TestSupport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 9449 7 at the app's protected resources: {@code Authorization: DPoP} with a proof, through the glue. */
class DpopBearerTest {

    private static final URI URL = URI.create("https://app.example/app/api/me");

    private final FakeProvider fake;
    private final ProviderConnections connections = new ProviderConnections();
    private final BearerAuthentication bearer;
    private final DpopKey key;
    private final String token;

    DpopBearerTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        ClientSettings client = new ClientSettings(URI.create(fake.issuer), "app-client-id", "secret",
                List.of("openid"), Duration.ofSeconds(5), Duration.ofSeconds(5), null, null);
        PassageSettings settings = new PassageSettings("", client, "/passage/callback", true, "sub", "",
                "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of("app-client-id"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout",
                SessionSettings.DEFAULT);
        bearer = new BearerAuthentication(settings, new CallerEstablishment(settings), connections);
        key = DpopKey.generate(List.of());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", fake.issuer);
        claims.put("sub", "alice");
        claims.put("aud", "app-client-id");
        claims.put("scope", "api");
        claims.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
        claims.put("cnf", Map.of("jkt", key.thumbprint()));
        token = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
    }

    @AfterEach
    void stop() {
        connections.close();
        fake.close();
    }

    private ServletFakes.Request request(String proof) {
        ServletFakes.Request request = ServletFakes.request("/api/me").header("Authorization", "DPoP " + token);
        return proof == null ? request : request.header("DPoP", proof);
    }

    private String issuerKey() {
        return BearerAuthentication.issuerKey(fake.issuer);
    }

    @Test
    void theDpopSchemeIsCaseInsensitiveAndNeedsASpace() {
        assertEquals(Optional.of("abc"), DpopRequests.dpopToken(
                ServletFakes.request("/api").header("Authorization", "dPoP abc").build()));
        assertEquals(Optional.empty(), DpopRequests.dpopToken(
                ServletFakes.request("/api").header("Authorization", "DPoPabc").build()));
        assertEquals(Optional.empty(), DpopRequests.dpopToken(
                ServletFakes.request("/api").header("Authorization", "Bearer abc").build()));
    }

    @Test
    void theRequestUrlIsOnTheConfiguredBaseWithoutQuery() {
        ServletFakes.Request request = ServletFakes.request("/api/me").query("x=1");
        assertEquals(URL, DpopRequests.requestUrl(request.build(), null));
        assertEquals(URI.create("https://public.example/app/api/me"),
                DpopRequests.requestUrl(request.build(), URI.create("https://public.example")));
    }

    @Test
    void aBoundTokenWithAProofOfItsKeySignsTheCallerIn() throws Exception {
        String proof = key.proof("GET", URL, token, null, Instant.now());
        SignedInCaller caller = bearer.authenticateDpop(token, issuerKey(), request(proof).build(), URL);
        assertEquals("alice", caller.profile().getSub());
    }

    @Test
    void aMissingOrForeignProofIsAnInvalidProof() throws Exception {
        assertThrows(InvalidDpopProofException.class,
                () -> bearer.authenticateDpop(token, issuerKey(), request(null).build(), URL));
        String otherKeysProof = DpopKey.generate(List.of()).proof("GET", URL, token, null, Instant.now());
        InvalidDpopProofException refused = assertThrows(InvalidDpopProofException.class,
                () -> bearer.authenticateDpop(token, issuerKey(), request(otherKeysProof).build(), URL));
        assertTrue(refused.getMessage().contains("cnf.jkt"), refused.getMessage());
    }

    @Test
    void theBoundTokenAsBearerIsRefused() {
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> bearer.authenticate(token, issuerKey()));
        assertTrue(refused.getMessage().startsWith("RFC 9449 7.2"), refused.getMessage());
    }

    @Test
    void refusalsAnswer401WithADpopChallenge() {
        ServletFakes.Response proofResponse = new ServletFakes.Response();
        DpopRequests.invalidProof(ServletFakes.request("/api/me").build(), proofResponse.build());
        assertEquals(401, proofResponse.status);
        assertTrue(proofResponse.header("WWW-Authenticate").startsWith("DPoP error=\"invalid_dpop_proof\""),
                proofResponse.header("WWW-Authenticate"));
        ServletFakes.Response tokenResponse = new ServletFakes.Response();
        DpopRequests.invalidToken(ServletFakes.request("/api/me").build(), tokenResponse.build());
        assertEquals(401, tokenResponse.status);
        assertTrue(tokenResponse.header("WWW-Authenticate").startsWith("DPoP error=\"invalid_token\""));
    }
}
