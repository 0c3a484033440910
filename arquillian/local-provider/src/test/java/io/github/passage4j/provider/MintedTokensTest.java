package io.github.passage4j.provider;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The minted tokens are valid when asked to be, and each flaw changes only what it names. */
class MintedTokensTest {

    private static LocalPassageProvider provider;

    @BeforeAll
    static void start() {
        provider = LocalPassageProvider.builder().client("client-1", "secret-1").build().start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void validLogoutTokenIsSignedByThePublishedKeyAndNamesTheSession() throws Exception {
        SignedJWT token = SignedJWT.parse(provider.logoutToken("user-1", "session-1"));
        assertTrue(token.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
        assertEquals("logout+jwt", token.getHeader().getType().getType());
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertEquals(provider.issuer().toString(), claims.getIssuer());
        assertEquals("client-1", claims.getAudience().get(0));
        assertEquals("user-1", claims.getSubject());
        assertEquals("session-1", claims.getStringClaim("sid"));
        assertTrue(claims.getJSONObjectClaim("events").containsKey(MintedTokens.BACKCHANNEL_LOGOUT_EVENT));
        assertNull(claims.getClaim("nonce"));
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(provider.logoutToken("user-1", "session-1"))
                .getJWTClaimsSet().getJWTID());
    }

    @Test
    void eachFlawBreaksItsRule() throws Exception {
        assertEquals("none", JWTParser.parse(provider.logoutToken("u", "s", TokenFlaw.ALG_NONE)).getHeader()
                .getAlgorithm().getName());
        assertEquals("HS256", JWSObject.parse(provider.logoutToken("u", "s", TokenFlaw.ALG_HS256)).getHeader()
                .getAlgorithm().getName());
        assertFalse(SignedJWT.parse(provider.logoutToken("u", "s", TokenFlaw.UNKNOWN_KEY))
                .verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
        assertNotEquals(provider.issuer().toString(), claims(TokenFlaw.ISSUER_WRONG).getIssuer());
        assertEquals("another-audience", claims(TokenFlaw.AUD_WRONG).getAudience().get(0));
        assertTrue(claims(TokenFlaw.EXPIRED).getExpirationTime().toInstant().isBefore(java.time.Instant.now()));
        assertNull(claims(TokenFlaw.EVENTS_MISSING).getClaim("events"));
        assertFalse(claims(TokenFlaw.EVENTS_WRONG).getJSONObjectClaim("events")
                .containsKey(MintedTokens.BACKCHANNEL_LOGOUT_EVENT));
        assertTrue(claims(TokenFlaw.NONCE_PRESENT).getClaims().containsKey("nonce"));
        JWTClaimsSet anonymous = claims(TokenFlaw.NO_SUB_NO_SID);
        assertNull(anonymous.getSubject());
        assertNull(anonymous.getClaim("sid"));
    }

    @Test
    void elementTokensAreIssuedBelowTheAppsPathWhoseKeysArePublished() throws Exception {
        SignedJWT token = SignedJWT.parse(provider.elementToken("app_1", "user-1", TokenFlaw.NONE));
        assertEquals(provider.issuer() + "/v1/apps/app_1", token.getJWTClaimsSet().getIssuer());
        assertEquals("app_1", token.getJWTClaimsSet().getAudience().get(0));
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(token.getJWTClaimsSet().getIssuer() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, jwks.statusCode());
        assertTrue(jwks.body().contains(provider.signingKey().getKeyID()));
        assertEquals(1, provider.requestCount(Endpoint.APP_JWKS));
    }

    @Test
    void accessTokensAreTypedAndForTheAudience() throws Exception {
        SignedJWT token = SignedJWT.parse(provider.accessToken("user-1", "client-1", TokenFlaw.NONE));
        assertEquals("at+jwt", token.getHeader().getType().getType());
        assertEquals("client-1", token.getJWTClaimsSet().getAudience().get(0));
        assertTrue(token.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
    }

    private static JWTClaimsSet claims(TokenFlaw flaw) throws Exception {
        return JWTParser.parse(provider.logoutToken("u", "s", flaw)).getJWTClaimsSet();
    }

}
