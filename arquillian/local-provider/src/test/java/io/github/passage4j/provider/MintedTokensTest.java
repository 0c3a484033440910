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

    @Test
    void anAccessTokenCanSayHowTheUserAuthenticated() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(provider.accessToken("user-1", "client-1", LocalPassageProvider.ACR_MFA))
                .getJWTClaimsSet();
        assertEquals(LocalPassageProvider.ACR_MFA, claims.getStringClaim("acr"));
        assertTrue(Math.abs(claims.getDateClaim("auth_time").toInstant().getEpochSecond()
                - java.time.Instant.now().getEpochSecond()) < 60);
        assertFalse(SignedJWT.parse(provider.accessToken("user-1", "client-1", TokenFlaw.NONE)).getJWTClaimsSet()
                .getClaims().containsKey("acr"));
    }

    @Test
    void es256ByThePublishedEcKeyVerifiesWithTheKeyTheJwksNowServes() throws Exception {
        provider.behaviour().reset();
        assertFalse(jwks().contains("\"EC\""), "the EC key is published only on demand");
        SignedJWT token = SignedJWT.parse(provider.accessToken("user-1", "client-1", TokenFlaw.ALG_ES256_PUBLISHED_KEY));
        assertEquals("ES256", token.getHeader().getAlgorithm().getName());
        com.nimbusds.jose.jwk.JWKSet published = com.nimbusds.jose.jwk.JWKSet.parse(jwks());
        com.nimbusds.jose.jwk.ECKey ec = (com.nimbusds.jose.jwk.ECKey) published.getKeyByKeyId(token.getHeader().getKeyID());
        assertTrue(token.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(ec)), "a valid signature by a published key");
        assertTrue(idTokenAlgorithms().contains("ES256"), "and discovery lists ES256");
        assertEquals("ES256", SignedJWT.parse(provider.logoutToken("u", "s", TokenFlaw.ALG_ES256_PUBLISHED_KEY))
                .getHeader().getAlgorithm().getName());
        provider.behaviour().reset();
        assertFalse(jwks().contains("\"EC\""));
        assertFalse(idTokenAlgorithms().contains("ES256"));
    }

    @Test
    void idTokenShapedTokensCarryAnIdTokensClaimsAndType() throws Exception {
        SignedJWT access = SignedJWT.parse(provider.accessToken("user-1", "client-1", TokenFlaw.ID_TOKEN_SHAPED));
        assertEquals("JWT", access.getHeader().getType().getType());
        JWTClaimsSet claims = access.getJWTClaimsSet();
        assertTrue(claims.getClaims().keySet().containsAll(java.util.Set.of("nonce", "at_hash", "auth_time")));
        assertNull(claims.getClaim("scope"));
        assertNull(claims.getClaim("client_id"));
        assertEquals(java.util.List.of("client-1"), claims.getAudience());
        assertTrue(access.verify(new RSASSAVerifier(provider.signingKey().toRSAPublicKey())));
        assertTrue(claims(TokenFlaw.ID_TOKEN_SHAPED).getClaims().containsKey("at_hash"));
        assertTrue(SignedJWT.parse(provider.elementToken("app_1", "user-1", TokenFlaw.ID_TOKEN_SHAPED))
                .getJWTClaimsSet().getClaims().containsKey("nonce"));
    }

    private static String jwks() throws Exception {
        return get("/.well-known/jwks.json");
    }

    /** The ID token algorithms only: the lists of request objects and DPoP name ES256 too. */
    private static java.util.List<String> idTokenAlgorithms() throws Exception {
        return com.nimbusds.jose.util.JSONObjectUtils.getStringList(
                com.nimbusds.jose.util.JSONObjectUtils.parse(discovery()), "id_token_signing_alg_values_supported");
    }

    private static String discovery() throws Exception {
        return get("/.well-known/openid-configuration");
    }

    private static String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(provider.issuer() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JWTClaimsSet claims(TokenFlaw flaw) throws Exception {
        return JWTParser.parse(provider.logoutToken("u", "s", flaw)).getJWTClaimsSet();
    }

}
