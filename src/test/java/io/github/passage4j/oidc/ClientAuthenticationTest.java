package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each client authentication strategy as the provider receives it, and the one place that chooses among them. */
class ClientAuthenticationTest {

    private static final URI REDIRECT = URI.create("https://app.example/callback");
    private static final String OK = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"id_token\":\"a.b.c\","
            + "\"expires_in\":3600}";

    private final FakeProvider fake;

    ClientAuthenticationTest() throws Exception {
        fake = new FakeProvider();
        fake.on("/token", FakeProvider.json(200, OK));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void clientSecretPostSendsIdAndSecretInTheBodyAndNoAuthorizationHeader() throws Exception {
        exchange(provider(ClientAuthenticationMethod.CLIENT_SECRET_POST, TestSupport.CLIENT_SECRET, null));
        Map<String, String> form = form();
        assertEquals(TestSupport.CLIENT_ID, form.get("client_id"));
        assertEquals(TestSupport.CLIENT_SECRET, form.get("client_secret"));
        assertNull(fake.tokenRequests.get(0).headers().getFirst("Authorization"));
    }

    @Test
    void clientSecretJwtSignsAShortLivedAssertionForTheIssuerWithTheSecret() throws Exception {
        exchange(provider(ClientAuthenticationMethod.CLIENT_SECRET_JWT, TestSupport.CLIENT_SECRET, null));
        Map<String, String> form = form();
        assertFalse(form.containsKey("client_secret"), "the secret itself must not cross the wire");
        assertNull(fake.tokenRequests.get(0).headers().getFirst("Authorization"));
        SignedJWT assertion = assertion(form);
        assertEquals("HS256", assertion.getHeader().getAlgorithm().getName());
        assertTrue(assertion.verify(new MACVerifier(TestSupport.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8))));
        assertClaims(assertion.getJWTClaimsSet(), fake.issuer);
    }

    @Test
    void clientSecretJwtRefusesASecretTooShortForHs256() {
        assertThrows(IllegalArgumentException.class, () -> new ClientSecretJwt("short",
                new ClientAssertions("c", ClientAssertionAudience.ISSUER, TestSupport.CLOCK)));
    }

    @Test
    void privateKeyJwtSignsWithTheClientKeyNamesItsKidAndUsesAFreshJtiEachTime() throws Exception {
        ClientKey key = TestSupport.ecClientKey();
        OpenIdProvider provider = provider(ClientAuthenticationMethod.PRIVATE_KEY_JWT, null, key);
        exchange(provider);
        exchange(provider);
        SignedJWT first = assertion(form(0));
        SignedJWT second = assertion(form(1));
        assertEquals(key.keyId(), first.getHeader().getKeyID());
        assertEquals("ES256", first.getHeader().getAlgorithm().getName());
        JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(first.getHeader(),
                ((AsymmetricJWK) key.publicJwk()).toPublicKey());
        assertTrue(first.verify(verifier));
        assertClaims(first.getJWTClaimsSet(), fake.issuer);
        assertNotEquals(first.getJWTClaimsSet().getJWTID(), second.getJWTClaimsSet().getJWTID());
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form(0).get("client_assertion_type"));
    }

    @Test
    void theEndpointAudienceNamesTheTokenEndpoint() throws Exception {
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                TestSupport.ecClientKey(), null, false, false, false, null, ClientAssertionAudience.ENDPOINT);
        exchange(provider(null, protocol));
        assertEquals(List.of(fake.issuer + "/token"), assertion(form()).getJWTClaimsSet().getAudience());
    }

    @Test
    void withoutAConfiguredMethodTheProvidersListAndTheCredentialsDecide() throws Exception {
        fake.discoveryDocument.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
        exchange(provider(null, TestSupport.CLIENT_SECRET, null));
        assertEquals(TestSupport.CLIENT_SECRET, form().get("client_secret"));
    }

    @Test
    void aProviderThatListsNoMethodsGetsClientSecretBasic() throws Exception {
        exchange(provider(null, TestSupport.CLIENT_SECRET, null));
        assertTrue(fake.tokenRequests.get(0).headers().getFirst("Authorization").startsWith("Basic "));
        assertFalse(form().containsKey("client_secret"));
    }

    @Test
    void aConfiguredKeyIsPreferredToTheSecretWhenTheProviderTakesBoth() throws Exception {
        fake.discoveryDocument.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "private_key_jwt"));
        exchange(provider(null, TestSupport.CLIENT_SECRET, TestSupport.ecClientKey()));
        assertTrue(form().containsKey("client_assertion"));
        assertNull(fake.tokenRequests.get(0).headers().getFirst("Authorization"));
    }

    @Test
    void noMethodTheCredentialsAllowIsAClearRefusal() {
        fake.discoveryDocument.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> exchange(provider(null, TestSupport.CLIENT_SECRET, null)));
        assertTrue(refused.getMessage().contains("token_endpoint_auth_methods_supported"), refused.getMessage());
        assertTrue(fake.tokenRequests.isEmpty());
    }

    @Test
    void anAssertionAlgorithmTheProviderDoesNotListIsRefusedBeforeAnythingIsSent() {
        fake.discoveryDocument.put("token_endpoint_auth_signing_alg_values_supported", List.of("PS256"));
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> exchange(provider(ClientAuthenticationMethod.PRIVATE_KEY_JWT, null,
                        TestSupport.ecClientKey())));
        assertTrue(refused.getMessage().contains("ES256"), refused.getMessage());
        assertTrue(fake.tokenRequests.isEmpty());
    }

    @Test
    void mutualTlsSendsOnlyTheClientIdToTheMtlsAliasOfTheTokenEndpoint() throws Exception {
        fake.discoveryDocument.put("mtls_endpoint_aliases", Map.of("token_endpoint", fake.issuer + "/mtls/token"));
        fake.on("/mtls/token", FakeProvider.json(200, OK));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null,
                new ClientCertificate(context), false, false, false, null);
        exchange(provider(null, protocol));
        assertEquals(1, fake.hits("/mtls/token"));
        assertEquals(0, fake.hits("/token"));
    }

    @Test
    void mutualTlsFetchesUserinfoAtItsMtlsAlias() throws Exception {
        fake.discoveryDocument.put("userinfo_endpoint", fake.issuer + "/userinfo");
        fake.discoveryDocument.put("mtls_endpoint_aliases", Map.of("userinfo_endpoint", fake.issuer + "/mtls/userinfo"));
        fake.on("/mtls/userinfo", FakeProvider.json(200, "{\"sub\":\"alice\"}"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null,
                new ClientCertificate(context), false, false, false, null);
        assertEquals("alice", provider(null, protocol).fetchUserInfo("at-1", "alice").get("sub"));
        assertEquals(1, fake.hits("/mtls/userinfo"));
        assertEquals(0, fake.hits("/userinfo"));
    }

    private void exchange(OpenIdProvider provider) throws Exception {
        provider.exchangeCode("the-code", REDIRECT, "verifier-1");
    }

    private OpenIdProvider provider(ClientAuthenticationMethod method, String secret, ClientKey key) {
        return provider(secret, new ClientProtocol(method, key, null, false, false, false, null));
    }

    private OpenIdProvider provider(String secret, ClientProtocol protocol) {
        ClientSettings settings = new ClientSettings(URI.create(fake.issuer), TestSupport.CLIENT_ID, secret,
                List.of("openid"), null, null, null, Set.of("RS256"), protocol);
        return new OpenIdProvider(settings, TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
    }

    private static void assertClaims(JWTClaimsSet claims, String issuer) {
        // RFC 7523 3: iss and sub the client, aud the issuer (FAPI 2.0), exp short, jti present
        assertEquals(TestSupport.CLIENT_ID, claims.getIssuer());
        assertEquals(TestSupport.CLIENT_ID, claims.getSubject());
        assertEquals(List.of(issuer), claims.getAudience());
        assertEquals(Date.from(TestSupport.NOW.plus(ClientAssertions.LIFETIME)), claims.getExpirationTime());
        assertEquals(Date.from(TestSupport.NOW), claims.getIssueTime());
        assertTrue(claims.getJWTID() != null && claims.getJWTID().length() >= 16);
    }

    private static SignedJWT assertion(Map<String, String> form) throws Exception {
        return SignedJWT.parse(form.get("client_assertion"));
    }

    private Map<String, String> form() {
        return form(0);
    }

    private Map<String, String> form(int request) {
        return TestSupport.decodeForm(fake.tokenRequests.get(request).body());
    }
}
