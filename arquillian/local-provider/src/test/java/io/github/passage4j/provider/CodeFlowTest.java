package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The authorization code flow, driven like a browser plus a relying party would. */
class CodeFlowTest {

    /** The provider and its client, shared by the tests of this class (behaviour reset after each). */
    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    @Test
    void seededUserSignsInAndGetsVerifiableTokens() throws Exception {
        TestClient.Flow flow = client.flow("openid email phone");

        LoginPage page = LoginPage.open(client.http, flow.authorizationUrl());
        assertEquals(List.of("user-alice", "user-bob"), page.users());
        URI callback = page.signInAs("user-alice");

        assertEquals(TestClient.REDIRECT_URI, callback.getScheme() + "://" + callback.getRawAuthority() + callback.getRawPath());
        Map<String, String> params = TestClient.query(callback);
        assertEquals(flow.state(), params.get("state"));
        assertEquals(provider.issuer().toString(), params.get("iss"));
        assertNotNull(params.get("code"));

        HttpResponse<String> response = client.redeem(params.get("code"), flow.verifier());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        Map<String, Object> tokens = TestClient.json(response);
        assertEquals("Bearer", tokens.get("token_type"));
        assertEquals(3600L, ((Number) tokens.get("expires_in")).longValue());
        assertFalse(tokens.containsKey("refresh_token"), "Passage issues no refresh tokens by default");

        String idToken = (String) tokens.get("id_token");
        String accessToken = (String) tokens.get("access_token");
        assertTrue(client.verifiesWithJwks(idToken));
        assertTrue(client.verifiesWithJwks(accessToken));

        SignedJWT jwt = SignedJWT.parse(idToken);
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(provider.signingKey().getKeyID(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(provider.issuer().toString(), claims.getIssuer());
        assertEquals("user-alice", claims.getSubject());
        assertEquals(List.of(TestClient.CLIENT_ID), claims.getAudience());
        assertTrue(jwt.getPayload().toString().contains("\"aud\":\"" + TestClient.CLIENT_ID + "\""), "aud is a plain string");
        assertEquals(TestClient.CLIENT_ID, claims.getStringClaim("client_id"));
        assertNull(claims.getClaim("azp"));
        assertEquals(flow.nonce(), claims.getStringClaim("nonce"));
        assertEquals(expectedAtHash(accessToken), claims.getStringClaim("at_hash"));
        assertNotNull(claims.getClaim("auth_time"));
        assertEquals(3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals("alice@example.com", claims.getStringClaim("email"));
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("email_verified"));
        assertEquals("+15555550100", claims.getStringClaim("phone_number"));
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("phone_number_verified"));

        SignedJWT access = SignedJWT.parse(accessToken);
        assertEquals(new JOSEObjectType("at+jwt"), access.getHeader().getType());
        JWTClaimsSet accessClaims = access.getJWTClaimsSet();
        assertEquals(provider.issuer().toString(), accessClaims.getIssuer());
        assertEquals("user-alice", accessClaims.getSubject());
        assertEquals(List.of(TestClient.CLIENT_ID), accessClaims.getAudience());
        assertEquals(TestClient.CLIENT_ID, accessClaims.getStringClaim("client_id"));
        assertEquals("openid email phone", accessClaims.getStringClaim("scope"));
        assertNotNull(accessClaims.getJWTID());
    }

    private static String expectedAtHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64URL.encode(Arrays.copyOf(digest, 16)).toString();
    }

    @Test
    void claimsFollowTheScope() throws Exception {
        JWTClaimsSet openidOnly = idTokenClaims(client.tokensFor("user-alice", "openid"));
        assertEquals("user-alice", openidOnly.getSubject());
        assertNull(openidOnly.getClaim("email"));
        assertNull(openidOnly.getClaim("phone_number"));

        JWTClaimsSet emailOnly = idTokenClaims(client.tokensFor("user-alice", "openid email unknown-scope"));
        assertEquals("alice@example.com", emailOnly.getStringClaim("email"));
        assertNull(emailOnly.getClaim("phone_number"));

        JWTClaimsSet bob = idTokenClaims(client.tokensFor("user-bob", "openid email phone"));
        assertEquals(Boolean.FALSE, bob.getBooleanClaim("email_verified"));
        assertNull(bob.getClaim("phone_number"), "bob has no phone");
    }

    @Test
    void typedUserGetsAStableDerivedSubject() throws Exception {
        TestClient.Flow flow = client.flow("openid email phone");
        URI callback = LoginPage.open(client.http, flow.authorizationUrl())
                .signInWith("Carol@Example.com", false, "+15555550123", true);
        Map<String, String> params = TestClient.query(callback);
        Map<String, Object> tokens = TestClient.json(client.redeem(params.get("code"), flow.verifier()));
        JWTClaimsSet claims = idTokenClaims(tokens);
        assertEquals(PassageUser.derivedSubject("carol@example.com", null), claims.getSubject());
        assertTrue(claims.getSubject().matches("user-[0-9a-f]{16}"));
        assertEquals("Carol@Example.com", claims.getStringClaim("email"));
        assertEquals(Boolean.FALSE, claims.getBooleanClaim("email_verified"));
        assertEquals("+15555550123", claims.getStringClaim("phone_number"));
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("phone_number_verified"));
    }

    @Test
    void typedUserNeedsAnEmailOrAPhone() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        LoginPage page = LoginPage.open(client.http, flow.authorizationUrl());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> page.signInWith("", true, null, true));
        assertTrue(refused.getMessage().contains("HTTP 400"), refused.getMessage());
        // The page is still usable after the refusal.
        assertNotNull(TestClient.query(page.signInAs("user-bob")).get("code"));
    }

    @Test
    void cancelSendsAccessDeniedWithState() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        Map<String, String> params = TestClient.query(LoginPage.open(client.http, flow.authorizationUrl()).cancel());
        assertEquals("access_denied", params.get("error"));
        assertEquals(flow.state(), params.get("state"));
        assertEquals(provider.issuer().toString(), params.get("iss"));
        assertNull(params.get("code"));
    }

    @Test
    void loginPageWorksOnce() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        LoginPage page = LoginPage.open(client.http, flow.authorizationUrl());
        page.signInAs("user-alice");
        assertThrows(IllegalStateException.class, () -> page.signInAs("user-alice"));
    }

    @Test
    void redirectUriWithAQueryKeepsIt() throws Exception {
        try (LocalPassageProvider own = LocalPassageProvider.builder()
                .client("q", "s", List.of(URI.create("http://127.0.0.1:1/cb?tenant=a%20b")))
                .user(TestClient.ALICE).build().start()) {
            URI authorize = URI.create(own.issuer() + "/authorize?response_type=code&client_id=q"
                    + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb%3Ftenant%3Da%2520b&scope=openid&state=xyz"
                    + "&code_challenge=" + TokenEndpoint.s256("v".repeat(43)) + "&code_challenge_method=S256");
            URI callback = LoginPage.open(authorize).signInAs("user-alice");
            assertTrue(callback.toString().startsWith("http://127.0.0.1:1/cb?tenant=a%20b&code="), callback.toString());
            assertEquals("xyz", TestClient.query(callback).get("state"));
        }
    }

    static JWTClaimsSet idTokenClaims(Map<String, Object> tokens) throws Exception {
        return SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet();
    }
}
