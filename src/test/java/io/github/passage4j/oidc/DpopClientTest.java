package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of RFC 9449: proofs at the token and userinfo endpoints, nonces, token types, dpop_jkt. */
class DpopClientTest {

    private static final URI REDIRECT = URI.create("https://app.example/callback");
    private static final String DPOP_OK = "{\"access_token\":\"at-1\",\"token_type\":\"DPoP\",\"id_token\":\"a.b.c\","
            + "\"expires_in\":3600,\"refresh_token\":\"rt-1\"}";

    private final FakeProvider fake;
    private final DpopKey key;

    DpopClientTest() throws Exception {
        fake = new FakeProvider();
        fake.discoveryDocument.put("userinfo_endpoint", fake.issuer + "/userinfo");
        key = DpopKey.generate(List.of());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static SignedJWT proofOf(FakeProvider.Recorded request) throws Exception {
        return SignedJWT.parse(request.headers().getFirst("DPoP"));
    }

    @Test
    void theCodeIsExchangedWithAProofOfTheSessionKey() throws Exception {
        fake.on("/token", FakeProvider.json(200, DPOP_OK));
        TokenResponse tokens = TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v", key);
        assertEquals("DPoP", tokens.tokenType());
        SignedJWT proof = proofOf(fake.tokenRequests.get(0));
        assertEquals(key.thumbprint(), proof.getHeader().getJWK().computeThumbprint().toString());
        assertEquals("POST", proof.getJWTClaimsSet().getStringClaim("htm"));
        assertEquals(fake.issuer + "/token", proof.getJWTClaimsSet().getStringClaim("htu"));
        assertNull(proof.getJWTClaimsSet().getClaim("ath"), "RFC 9449 4.2: no ath at the token endpoint");
    }

    @Test
    void withoutAKeyNoProofIsSentAndBearerIsRequired() throws Exception {
        fake.on("/token", FakeProvider.json(200, DPOP_OK.replace("DPoP", "Bearer")));
        TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v");
        assertNull(fake.tokenRequests.get(0).headers().getFirst("DPoP"));
        fake.on("/token", FakeProvider.json(200, DPOP_OK));
        assertThrows(ProviderRejectedException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
    }

    @Test
    void aBearerAnswerToAProofIsRefused() {
        fake.on("/token", FakeProvider.json(200, DPOP_OK.replace("DPoP", "bearer")));
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v", key));
        assertEquals("RFC 9449 5: token_type Bearer although a DPoP proof was sent", refused.getMessage());
    }

    @Test
    void theTokenTypeIsComparedCaseInsensitively() throws Exception {
        fake.on("/token", FakeProvider.json(200, DPOP_OK.replace("DPoP", "dpop")));
        assertEquals("dpop", TestSupport.provider(fake).refresh("rt-1", key).tokenType());
    }

    @Test
    void useDpopNonceIsRetriedOnceWithTheNonceAndTheNonceIsKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fake.on("/token", exchange -> {
            String proof = exchange.getRequestHeaders().getFirst("DPoP");
            boolean hasNonce;
            try {
                hasNonce = "n-1".equals(SignedJWT.parse(proof).getJWTClaimsSet().getStringClaim("nonce"));
            } catch (java.text.ParseException e) {
                hasNonce = false;
            }
            calls.incrementAndGet();
            exchange.getResponseHeaders().set("DPoP-Nonce", "n-1");
            FakeProvider.send(exchange, hasNonce ? 200 : 400, hasNonce ? DPOP_OK : "{\"error\":\"use_dpop_nonce\"}");
        });
        OpenIdProvider provider = TestSupport.provider(fake);
        provider.exchangeCode("c", REDIRECT, "v", key);
        assertEquals(2, calls.get());
        assertTrue(fake.tokenRequests.get(1).body().contains("code=c"), "the retry repeats the grant");
        // the nonce is remembered: the next request carries it at once
        provider.refresh("rt-1", key);
        assertEquals(3, calls.get());
    }

    @Test
    void aServerThatKeepsAskingForANonceGetsOneRetryOnly() {
        AtomicInteger calls = new AtomicInteger();
        fake.on("/token", exchange -> {
            exchange.getResponseHeaders().set("DPoP-Nonce", "n-" + calls.incrementAndGet());
            FakeProvider.send(exchange, 400, "{\"error\":\"use_dpop_nonce\"}");
        });
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v", key));
        assertTrue(refused.getMessage().contains("use_dpop_nonce"), refused.getMessage());
        assertEquals(2, calls.get());
    }

    @Test
    void useDpopNonceWithoutANonceIsNotRetried() {
        fake.on("/token", FakeProvider.json(400, "{\"error\":\"use_dpop_nonce\"}"));
        assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v", key));
        assertEquals(1, fake.tokenRequests.size());
    }

    @Test
    void userinfoGetsTheTokenUnderTheDpopSchemeWithAProofNamingIt() throws Exception {
        List<String> proofs = new CopyOnWriteArrayList<>();
        fake.on("/userinfo", exchange -> {
            proofs.add(exchange.getRequestHeaders().getFirst("DPoP"));
            boolean dpop = "DPoP at-1".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            FakeProvider.send(exchange, dpop ? 200 : 401, "{\"sub\":\"user-1\"}");
        });
        Map<String, Object> claims = TestSupport.provider(fake).fetchUserInfo("at-1", "user-1", key);
        assertEquals("user-1", claims.get("sub"));
        SignedJWT proof = SignedJWT.parse(proofs.get(0));
        assertEquals("GET", proof.getJWTClaimsSet().getStringClaim("htm"));
        assertEquals(SignInSecrets.sha256Base64Url("at-1"), proof.getJWTClaimsSet().getStringClaim("ath"));
    }

    @Test
    void userinfoRetriesOnceWhenItAsksForANonce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fake.on("/userinfo", exchange -> {
            calls.incrementAndGet();
            String nonce;
            try {
                nonce = SignedJWT.parse(exchange.getRequestHeaders().getFirst("DPoP")).getJWTClaimsSet()
                        .getStringClaim("nonce");
            } catch (java.text.ParseException e) {
                nonce = null;
            }
            if ("u-1".equals(nonce)) {
                FakeProvider.send(exchange, 200, "{\"sub\":\"user-1\"}");
            } else {
                exchange.getResponseHeaders().set("DPoP-Nonce", "u-1");
                exchange.getResponseHeaders().set("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"");
                FakeProvider.send(exchange, 401, "");
            }
        });
        TestSupport.provider(fake).fetchUserInfo("at-1", "user-1", key);
        assertEquals(2, calls.get());
    }

    @Test
    void theAuthorizationRequestNamesTheKeyThumbprint() throws Exception {
        URI redirect = TestSupport.provider(fake).authorizationRedirect(
                new AuthorizationRequest(REDIRECT, "s", "n", "c", key.thumbprint()));
        assertTrue(redirect.getRawQuery().contains("&dpop_jkt=" + key.thumbprint()), redirect.toString());
        URI without = TestSupport.provider(fake).authorizationRedirect(new AuthorizationRequest(REDIRECT, "s", "n", "c"));
        assertFalse(without.getRawQuery().contains("dpop_jkt"));
        assertThrows(IllegalArgumentException.class, () -> new AuthorizationRequest(REDIRECT, "s", "n", "c", "x&y"));
    }

    @Test
    void aKeyIsMadeOnlyWhenTheClientUsesDpop() throws Exception {
        assertTrue(TestSupport.provider(fake).newDpopKey().isEmpty());
        fake.discoveryDocument.put("dpop_signing_alg_values_supported", List.of("PS256"));
        fake.discoveryDocument.put("require_pushed_authorization_requests", false);
        ClientSettings plain = TestSupport.settings(fake.issuer);
        ClientSettings dpop = new ClientSettings(plain.issuer(), plain.clientId(), TestSupport.CLIENT_SECRET,
                plain.scope(), plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), null,
                new ClientProtocol(null, null, null, false, true, false, null));
        DpopKey made = new OpenIdProvider(dpop, TestSupport.CLOCK, TestSupport.tuning(new java.util.concurrent.atomic.AtomicLong()))
                .newDpopKey().orElseThrow();
        assertEquals("PS256", made.algorithm());
    }
}
