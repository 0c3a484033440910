package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Extra authorization parameters at the provider: the accepted request is recorded with them (also when pushed),
 * {@code max_age} and {@code prompt} are checked for form, every sign-in authenticates anew so {@code auth_time} is
 * fresh, and {@link Behaviour#authTime(AuthTimeFlaw)} breaks exactly OIDC Core 3.1.3.7 step 13; {@code acr_values}
 * decide the {@code acr} of the session's ID tokens, and {@link Behaviour#acr(String)} breaks exactly step 12.
 */
class SignInShapingTest {

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    private static URI withExtra(TestClient.Flow flow, String query) {
        return URI.create(flow.authorizationUrl() + "&" + query);
    }

    /** Signs in as alice through {@code authorizationUrl} and returns the ID token's claims. */
    private static JWTClaimsSet idTokenClaims(TestClient.Flow flow, URI authorizationUrl) throws Exception {
        URI callback = LoginPage.open(client.http, authorizationUrl).signInAs("user-alice");
        HttpResponse<String> tokens = client.redeem(TestClient.query(callback).get("code"), flow.verifier());
        assertEquals(200, tokens.statusCode(), tokens.body());
        return SignedJWT.parse((String) TestClient.json(tokens).get("id_token")).getJWTClaimsSet();
    }

    @Test
    void theAcceptedRequestIsRecordedWithItsParametersAndAuthTimeIsFresh() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        Instant before = Instant.now().minusSeconds(1);
        JWTClaimsSet claims = idTokenClaims(flow, withExtra(flow, "prompt=login&max_age=300&login_hint=alice"));

        RecordedRequest recorded = provider.acceptedAuthorizationRequests()
                .get(provider.acceptedAuthorizationRequests().size() - 1);
        assertEquals("login", recorded.parameter("prompt"));
        assertEquals("300", recorded.parameter("max_age"));
        assertEquals("alice", recorded.parameter("login_hint"));
        assertEquals(flow.state(), recorded.parameter("state"));
        // no single sign-on session here: the user authenticated just now, which meets max_age and prompt=login
        Instant authTime = claims.getDateClaim("auth_time").toInstant();
        assertFalse(authTime.isBefore(before), authTime + " before " + before);
    }

    @Test
    void aPushedRequestIsRecordedWithThePushedParameters() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        Map<String, String> parameters = PushedAuthorizationRequestTest.parameters(flow);
        parameters.put("max_age", "60");
        String requestUri = PushedAuthorizationRequestTest.requestUri(
                client.post(provider.endpoint(Endpoint.PAR), parameters,
                        TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)));
        idTokenClaims(flow, URI.create(provider.endpoint(Endpoint.AUTHORIZE) + "?client_id=" + TestClient.CLIENT_ID
                + "&request_uri=" + java.net.URLEncoder.encode(requestUri, java.nio.charset.StandardCharsets.UTF_8)));
        RecordedRequest recorded = provider.acceptedAuthorizationRequests()
                .get(provider.acceptedAuthorizationRequests().size() - 1);
        assertEquals("60", recorded.parameter("max_age"));
        assertEquals(flow.state(), recorded.parameter("state"), "the pushed parameters, in effect");
    }

    @Test
    void malformedMaxAgeOrPromptIsAnInvalidRequest() throws Exception {
        for (String extra : new String[] {"max_age=-1", "max_age=soon", "prompt=none%20login", "prompt=again",
            "prompt=login%20login"}) {
            TestClient.Flow flow = client.flow("openid");
            HttpResponse<String> response = client.get(withExtra(flow, extra));
            assertEquals(302, response.statusCode(), extra);
            Map<String, String> query = TestClient.query(URI.create(response.headers().firstValue("Location")
                    .orElseThrow()));
            assertEquals("invalid_request", query.get("error"), extra);
        }
    }

    @Test
    void theHostileSwitchLeavesAuthTimeOut() throws Exception {
        provider.behaviour().authTime(AuthTimeFlaw.MISSING);
        TestClient.Flow flow = client.flow("openid");
        JWTClaimsSet claims = idTokenClaims(flow, withExtra(flow, "max_age=300"));
        assertFalse(claims.getClaims().containsKey("auth_time"));
        assertEquals(flow.nonce(), claims.getStringClaim("nonce"), "nothing else broken");
    }

    @Test
    void theHostileSwitchMakesAuthTimeADayTooOldButStillBeforeIat() throws Exception {
        provider.behaviour().authTime(AuthTimeFlaw.TOO_OLD);
        TestClient.Flow flow = client.flow("openid");
        JWTClaimsSet claims = idTokenClaims(flow, withExtra(flow, "max_age=300"));
        long age = claims.getIssueTime().toInstant().getEpochSecond()
                - claims.getDateClaim("auth_time").toInstant().getEpochSecond();
        assertTrue(age >= AuthTimeFlaw.TOO_OLD_BY.toSeconds() && age < AuthTimeFlaw.TOO_OLD_BY.toSeconds() + 60,
                "age " + age);
    }

    @Test
    void resetRestoresAuthTime() throws Exception {
        provider.behaviour().authTime(AuthTimeFlaw.MISSING).reset();
        TestClient.Flow flow = client.flow("openid");
        assertTrue(idTokenClaims(flow, flow.authorizationUrl()).getClaims().containsKey("auth_time"));
    }

    @Test
    void acrValuesDecideTheAcrOfTheSessionsIdTokens() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        assertEquals(LocalPassageProvider.ACR_MFA, idTokenClaims(flow, withExtra(flow,
                "acr_values=urn:unknown%20" + LocalPassageProvider.ACR_MFA)).getStringClaim("acr"),
                "the first requested value the provider offers");
        TestClient.Flow unknown = client.flow("openid");
        assertEquals(LocalPassageProvider.ACR_PASSWORD, idTokenClaims(unknown, withExtra(unknown,
                "acr_values=urn:unknown")).getStringClaim("acr"), "acr_values are voluntary: the provider's own");
        TestClient.Flow none = client.flow("openid");
        assertFalse(idTokenClaims(none, none.authorizationUrl()).getClaims().containsKey("acr"));
        assertTrue(TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY))).get("acr_values_supported")
                .toString().contains(LocalPassageProvider.ACR_MFA));
    }

    @Test
    void theHostileSwitchClaimsAWeakerAcrThanAsked() throws Exception {
        provider.behaviour().acr(LocalPassageProvider.ACR_PASSWORD);
        TestClient.Flow flow = client.flow("openid");
        JWTClaimsSet claims = idTokenClaims(flow, withExtra(flow, "acr_values=" + LocalPassageProvider.ACR_MFA));
        assertEquals(LocalPassageProvider.ACR_PASSWORD, claims.getStringClaim("acr"));
        assertEquals(flow.nonce(), claims.getStringClaim("nonce"), "nothing else broken");
    }

    @Test
    void refreshedIdTokensKeepTheSessionsAcr() throws Exception {
        provider.behaviour().refreshTokens(true);
        TestClient.Flow flow = client.flow("openid");
        URI callback = LoginPage.open(client.http, withExtra(flow, "acr_values=" + LocalPassageProvider.ACR_MFA))
                .signInAs("user-alice");
        HttpResponse<String> tokens = client.redeem(TestClient.query(callback).get("code"), flow.verifier());
        HttpResponse<String> refreshed = client.post(provider.endpoint(Endpoint.TOKEN),
                Map.of("grant_type", "refresh_token", "refresh_token", (String) TestClient.json(tokens).get("refresh_token")),
                TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(LocalPassageProvider.ACR_MFA, SignedJWT.parse((String) TestClient.json(refreshed).get("id_token"))
                .getJWTClaimsSet().getStringClaim("acr"));
    }
}
