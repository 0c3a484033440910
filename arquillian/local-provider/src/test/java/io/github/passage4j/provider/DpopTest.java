package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.testkit.DpopProofs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider's DPoP (RFC 9449): proofs at the token and userinfo endpoints, dpop_jkt, bound tokens, nonces. */
class DpopTest {

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    /** A signed-in flow whose authorization request named {@code jkt} (or none), and its code. */
    private record Signed(TestClient.Flow flow, String code) {
    }

    private Signed signIn(String jkt) throws Exception {
        TestClient.Flow plain = client.flow("openid email");
        TestClient.Flow flow = jkt == null ? plain : new TestClient.Flow(plain.state(), plain.nonce(), plain.verifier(),
                plain.challenge(), plain.scope(), URI.create(plain.authorizationUrl() + "&dpop_jkt=" + jkt));
        return new Signed(flow, client.signIn(flow, "user-alice").get("code"));
    }

    private URI tokenEndpoint() {
        return provider.endpoint(Endpoint.TOKEN);
    }

    private HttpResponse<String> postToken(Map<String, String> params, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form(params)));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return client.send(request.build());
    }

    private HttpResponse<String> redeem(Signed signed, String proof) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", signed.code());
        params.put("redirect_uri", TestClient.REDIRECT_URI);
        params.put("code_verifier", signed.flow().verifier());
        return postToken(params, proof);
    }

    private HttpResponse<String> refresh(String refreshToken, String proof) throws Exception {
        return postToken(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), proof);
    }

    private HttpResponse<String> userinfo(String authorization, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(provider.endpoint(Endpoint.USERINFO))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET();
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return client.send(request.build());
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, TestClient.json(response).get("error"), response.body());
    }

    @Test
    void discoveryAnnouncesTheProofAlgorithms() throws Exception {
        Map<String, Object> doc = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        assertEquals(List.of("ES256", "PS256", "RS256"), doc.get("dpop_signing_alg_values_supported"));
    }

    @Test
    void aProofAtRedemptionBindsTheTokensToItsKey() throws Exception {
        DpopProofs key = DpopProofs.generate();
        HttpResponse<String> response = redeem(signIn(key.thumbprint()), key.proof("POST", tokenEndpoint(), null));
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> tokens = TestClient.json(response);
        assertEquals("DPoP", tokens.get("token_type"));
        Map<String, Object> cnf = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet()
                .getJSONObjectClaim("cnf");
        assertEquals(key.thumbprint(), cnf.get("jkt"));
    }

    @Test
    void withoutAProofTokensStayBearer() throws Exception {
        HttpResponse<String> response = redeem(signIn(null), null);
        assertEquals("Bearer", TestClient.json(response).get("token_type"));
    }

    @Test
    void theCodeOfARequestNamingAKeyNeedsAProofOfThatKey() throws Exception {
        DpopProofs named = DpopProofs.generate();
        DpopProofs other = DpopProofs.generate();
        assertError(redeem(signIn(named.thumbprint()), other.proof("POST", tokenEndpoint(), null)), 400,
                "invalid_grant");
        assertError(redeem(signIn(named.thumbprint()), null), 400, "invalid_grant");
    }

    @Test
    void brokenProofsAreRefusedAtTheTokenEndpoint() throws Exception {
        DpopProofs key = DpopProofs.generate();
        for (DpopProofs.Flaw flaw : List.of(DpopProofs.Flaw.WRONG_HTU, DpopProofs.Flaw.WRONG_HTM,
                DpopProofs.Flaw.STALE_IAT, DpopProofs.Flaw.WRONG_TYP, DpopProofs.Flaw.SIGNED_BY_OTHER_KEY)) {
            HttpResponse<String> response = redeem(signIn(null), key.proof("POST", tokenEndpoint(), null, flaw));
            assertError(response, 400, "invalid_dpop_proof");
        }
    }

    @Test
    void aProofIsAcceptedOnce() throws Exception {
        DpopProofs key = DpopProofs.generate();
        String proof = key.proof("POST", tokenEndpoint(), null);
        assertEquals(200, redeem(signIn(null), proof).statusCode());
        assertError(redeem(signIn(null), proof), 400, "invalid_dpop_proof");
    }

    @Test
    void aRequiredNonceIsHandedOutAndLeavesTheCodeUnspent() throws Exception {
        provider.behaviour().requireDpopNonce(true);
        DpopProofs key = DpopProofs.generate();
        Signed signed = signIn(key.thumbprint());
        HttpResponse<String> first = redeem(signed, key.proof("POST", tokenEndpoint(), null));
        assertError(first, 400, "use_dpop_nonce");
        String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
        HttpResponse<String> retry = redeem(signed, key.proof("POST", tokenEndpoint(), null, nonce,
                DpopProofs.Flaw.NONE));
        assertEquals(200, retry.statusCode(), retry.body());
    }

    @Test
    void aBoundRefreshTokenNeedsAProofOfItsKey() throws Exception {
        provider.behaviour().refreshTokens(true);
        DpopProofs key = DpopProofs.generate();
        Map<String, Object> tokens = TestClient.json(redeem(signIn(key.thumbprint()),
                key.proof("POST", tokenEndpoint(), null)));
        String refreshToken = (String) tokens.get("refresh_token");
        assertError(refresh(refreshToken, null), 400, "invalid_grant");
        assertError(refresh(refreshToken, DpopProofs.generate().proof("POST", tokenEndpoint(), null)), 400,
                "invalid_grant");
        HttpResponse<String> refreshed = refresh(refreshToken, key.proof("POST", tokenEndpoint(), null));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals("DPoP", TestClient.json(refreshed).get("token_type"));
    }

    @Test
    void userinfoTakesABoundTokenWithAProofOfItsKeyOnly() throws Exception {
        DpopProofs key = DpopProofs.generate();
        String accessToken = (String) TestClient.json(redeem(signIn(key.thumbprint()),
                key.proof("POST", tokenEndpoint(), null))).get("access_token");
        URI userinfo = provider.endpoint(Endpoint.USERINFO);
        HttpResponse<String> ok = userinfo("DPoP " + accessToken, key.proof("GET", userinfo, accessToken));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("user-alice", TestClient.json(ok).get("sub"));

        // RFC 9449 7.2: not as a bearer token
        assertEquals(401, userinfo("Bearer " + accessToken, null).statusCode());
        // RFC 9449 4.3 step 12: the proof must be by the token's key and name the token
        HttpResponse<String> otherKey = userinfo("DPoP " + accessToken,
                DpopProofs.generate().proof("GET", userinfo, accessToken));
        assertError(otherKey, 401, "invalid_dpop_proof");
        assertTrue(otherKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("DPoP error=\"invalid_dpop_proof\""));
        assertError(userinfo("DPoP " + accessToken, key.proof("GET", userinfo, accessToken, DpopProofs.Flaw.NO_ATH)),
                401, "invalid_dpop_proof");
        assertError(userinfo("DPoP " + accessToken, null), 401, "invalid_dpop_proof");
    }

    @Test
    void userinfoAsksForItsNonceWithADpopChallenge() throws Exception {
        DpopProofs key = DpopProofs.generate();
        String accessToken = (String) TestClient.json(redeem(signIn(key.thumbprint()),
                key.proof("POST", tokenEndpoint(), null))).get("access_token");
        provider.behaviour().requireDpopNonce(true);
        URI userinfo = provider.endpoint(Endpoint.USERINFO);
        HttpResponse<String> first = userinfo("DPoP " + accessToken, key.proof("GET", userinfo, accessToken));
        assertEquals(401, first.statusCode());
        assertTrue(first.headers().firstValue("WWW-Authenticate").orElse("").contains("use_dpop_nonce"));
        String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
        assertEquals(200, userinfo("DPoP " + accessToken, key.proof("GET", userinfo, accessToken, nonce,
                DpopProofs.Flaw.NONE)).statusCode());
    }

    @Test
    void theHostileBearerAnswerIssuesUnboundTokens() throws Exception {
        provider.behaviour().bearerTokenTypeForDpop(true);
        DpopProofs key = DpopProofs.generate();
        Map<String, Object> tokens = TestClient.json(redeem(signIn(null), key.proof("POST", tokenEndpoint(), null)));
        assertEquals("Bearer", tokens.get("token_type"));
    }

    @Test
    void mintedBoundTokensCarryTheGivenThumbprint() throws Exception {
        DpopProofs key = DpopProofs.generate();
        String token = provider.dpopAccessToken("user-alice", TestClient.CLIENT_ID, key.thumbprint());
        assertEquals(key.thumbprint(), SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt"));
    }
}
