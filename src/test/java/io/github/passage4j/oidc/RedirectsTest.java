package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedirectsTest {

    private final FakeProvider fake;

    RedirectsTest() throws Exception {
        fake = new FakeProvider();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static Map<String, String> query(URI uri) {
        return TestSupport.decodeForm(uri.getRawQuery());
    }

    @Test
    void authorizationRedirectCarriesEveryParameterEncoded() throws Exception {
        OpenIdProvider provider = TestSupport.provider(fake);
        URI redirect = provider.authorizationRedirect(new AuthorizationRequest(
                URI.create("https://app.example/cb?x=1&y=a%20b"), "st&te=", "n+o/n", "challenge"));
        assertTrue(redirect.toString().startsWith(fake.issuer + "/authorize?"), redirect.toString());
        Map<String, String> q = query(redirect);
        assertEquals("code", q.get("response_type"));
        assertEquals(TestSupport.CLIENT_ID, q.get("client_id"));
        assertEquals("https://app.example/cb?x=1&y=a%20b", q.get("redirect_uri"));
        assertEquals("openid email", q.get("scope"));
        assertEquals("st&te=", q.get("state"));
        assertEquals("n+o/n", q.get("nonce"));
        assertEquals("challenge", q.get("code_challenge"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertTrue(redirect.getRawQuery().contains("scope=openid%20email"), redirect.getRawQuery());
    }

    @Test
    void authorizationRedirectKeepsTheEndpointsQuery() throws Exception {
        fake.discoveryDocument.put("authorization_endpoint", fake.issuer + "/authorize?tenant=t1");
        URI redirect = TestSupport.provider(fake).authorizationRedirect(
                new AuthorizationRequest(URI.create("https://app.example/cb"), "s", "n", "c"));
        assertTrue(redirect.toString().startsWith(fake.issuer + "/authorize?tenant=t1&response_type=code&"),
                redirect.toString());
        assertEquals("t1", query(redirect).get("tenant"));
    }

    @Test
    void issParameterEqualToIssuerIsAccepted() {
        OpenIdProvider provider = TestSupport.provider(fake);
        assertDoesNotThrow(() -> provider.checkAuthorizationResponseIssuer(fake.issuer));
    }

    @Test
    void issParameterDifferentFromIssuerIsRejected() {
        OpenIdProvider provider = TestSupport.provider(fake);
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.checkAuthorizationResponseIssuer(fake.issuer + "/"));
        assertTrue(e.getMessage().contains("RFC 9207"), e.getMessage());
    }

    @Test
    void missingIssParameterIsAcceptedWhenTheProviderDoesNotAnnounceIt() {
        OpenIdProvider provider = TestSupport.provider(fake);
        assertDoesNotThrow(() -> provider.checkAuthorizationResponseIssuer(null));
    }

    @Test
    void missingIssParameterIsRejectedWhenTheProviderAnnouncesIt() {
        fake.discoveryDocument.put("authorization_response_iss_parameter_supported", true);
        OpenIdProvider provider = TestSupport.provider(fake);
        assertThrows(ProviderRejectedException.class, () -> provider.checkAuthorizationResponseIssuer(null));
    }

    @Test
    void underFapi2AMissingIssParameterIsRejectedEvenWhenTheProviderDoesNotAnnounceIt() {
        OpenIdProvider provider = TestSupport.fapi2Provider(fake);
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.checkAuthorizationResponseIssuer(null));
        assertTrue(e.getMessage().contains("FAPI 2.0"), e.getMessage());
        assertDoesNotThrow(() -> provider.checkAuthorizationResponseIssuer(fake.issuer));
    }

    @Test
    void underFapi2APlainHttpRedirectUriIsRefusedUnlessLoopback() {
        OpenIdProvider provider = TestSupport.fapi2Provider(fake);
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> provider.authorizationRedirect(
                        new AuthorizationRequest(URI.create("http://app.example/cb"), "s", "n", "c")));
        assertTrue(e.getMessage().contains("FAPI 2.0 5.3.2.2"), e.getMessage());
        assertDoesNotThrow(() -> TestSupport.provider(fake).authorizationRedirect(
                new AuthorizationRequest(URI.create("http://app.example/cb"), "s", "n", "c")));
    }

    @Test
    void endSessionRedirectCarriesHintRedirectAndState() throws Exception {
        Optional<URI> logout = TestSupport.provider(fake).endSessionRedirect("id.token.value",
                URI.create("https://app.example/bye"), "st 1");
        assertTrue(logout.isPresent());
        assertTrue(logout.get().toString().startsWith(fake.issuer + "/logout?"), logout.get().toString());
        Map<String, String> q = query(logout.get());
        assertEquals("id.token.value", q.get("id_token_hint"));
        assertEquals("https://app.example/bye", q.get("post_logout_redirect_uri"));
        assertEquals("st 1", q.get("state"));
        assertEquals(TestSupport.CLIENT_ID, q.get("client_id"));
    }

    @Test
    void endSessionRedirectOmitsAbsentOptionalParameters() throws Exception {
        Map<String, String> q = query(TestSupport.provider(fake).endSessionRedirect("hint", null, null).orElseThrow());
        assertEquals(Map.of("id_token_hint", "hint", "client_id", TestSupport.CLIENT_ID), q);
    }

    @Test
    void endSessionRedirectIsEmptyWithoutEndSessionEndpoint() throws Exception {
        fake.discoveryDocument.remove("end_session_endpoint");
        assertTrue(TestSupport.provider(fake).endSessionRedirect("hint", null, null).isEmpty());
    }
}
