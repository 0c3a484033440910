package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0 Form Post Response Mode 2: {@code response_mode=form_post} reaches the provider by every delivery
 * (query, pushed request, request object), query stays unsent, and a provider that lists its
 * {@code response_modes_supported} without form_post is refused naming the setting.
 */
class ResponseModeTest {

    private static final AuthorizationRequest REQUEST = new AuthorizationRequest(URI.create("https://app.example/cb"),
            "state-1", "nonce-1", "challenge-1");

    private final FakeProvider fake;
    private final List<String> pushes;

    ResponseModeTest() throws Exception {
        fake = new FakeProvider();
        pushes = fake.acceptPushedRequests();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void formPostInTheQuery() throws Exception {
        Map<String, String> query = TestSupport.decodeForm(TestSupport.provider(fake)
                .authorizationRedirect(REQUEST, ResponseMode.FORM_POST).getRawQuery());
        assertEquals("form_post", query.get("response_mode"));
        assertEquals("code", query.get("response_type"));
    }

    @Test
    void queryIsTheDefaultAndStaysUnsent() throws Exception {
        assertFalse(TestSupport.decodeForm(TestSupport.provider(fake).authorizationRedirect(REQUEST, ResponseMode.QUERY)
                .getRawQuery()).containsKey("response_mode"));
        assertFalse(TestSupport.decodeForm(TestSupport.provider(fake).authorizationRedirect(REQUEST).getRawQuery())
                .containsKey("response_mode"));
    }

    @Test
    void formPostInThePushedRequest() throws Exception {
        URI redirect = TestSupport.provider(fake,
                new ClientProtocol(null, null, null, true, false, false, SecurityProfile.OPENID_CONNECT))
                .authorizationRedirect(REQUEST, ResponseMode.FORM_POST);
        assertEquals("form_post", TestSupport.decodeForm(pushes.get(0)).get("response_mode"));
        assertFalse(TestSupport.decodeForm(redirect.getRawQuery()).containsKey("response_mode"),
                "RFC 9126 4: the browser carries the reference only");
    }

    @Test
    void formPostInTheSignedRequestObject() throws Exception {
        URI redirect = TestSupport.provider(fake,
                new ClientProtocol(null, TestSupport.ecClientKey(), null, false, false, true,
                        SecurityProfile.OPENID_CONNECT)).authorizationRedirect(REQUEST, ResponseMode.FORM_POST);
        Map<String, Object> claims = TestSupport.rawPayload(TestSupport.decodeForm(redirect.getRawQuery())
                .get("request"));
        assertEquals("form_post", claims.get("response_mode"));
    }

    @Test
    void aProviderListingItsModesWithoutFormPostIsRefusedNamingTheSetting() {
        fake.discoveryDocument.put("response_modes_supported", List.of("query", "fragment"));
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).authorizationRedirect(REQUEST, ResponseMode.FORM_POST));
        assertTrue(refused.getMessage().contains("passage.response-mode"), refused.getMessage());
        assertTrue(refused.getMessage().contains("response_modes_supported"), refused.getMessage());
        assertEquals(0, pushes.size());
    }

    @Test
    void aProviderListingFormPostOrNothingIsAsked() throws Exception {
        fake.discoveryDocument.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        assertEquals("form_post", TestSupport.decodeForm(TestSupport.provider(fake)
                .authorizationRedirect(REQUEST, ResponseMode.FORM_POST).getRawQuery()).get("response_mode"));
    }

    @Test
    void queryIsNeverCheckedAgainstTheList() throws Exception {
        fake.discoveryDocument.put("response_modes_supported", List.of("form_post"));
        TestSupport.provider(fake).authorizationRedirect(REQUEST, ResponseMode.QUERY);
    }

    @Test
    void aMalformedListIsADiscoveryError() {
        fake.discoveryDocument.put("response_modes_supported", "form_post");
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).authorizationRedirect(REQUEST, ResponseMode.FORM_POST));
        assertTrue(refused.getMessage().contains("response_modes_supported is not an array of strings"),
                refused.getMessage());
    }

    @Test
    void settingValues() {
        assertEquals(Optional.of(ResponseMode.QUERY), ResponseMode.ofSettingValue("query"));
        assertEquals(Optional.of(ResponseMode.FORM_POST), ResponseMode.ofSettingValue(" Form_Post "));
        for (String jwt : new String[] {"jwt", "query.jwt", "form_post.jwt", "fragment.jwt"}) {
            assertEquals(Optional.empty(), ResponseMode.ofSettingValue(jwt));
            assertTrue(ResponseMode.whyNotOffered(jwt).contains("JARM"), jwt);
        }
        assertEquals(Optional.empty(), ResponseMode.ofSettingValue("fragment"));
        assertTrue(ResponseMode.whyNotOffered("fragment").contains("never reaches a server"));
        assertEquals("must be query or form_post", ResponseMode.whyNotOffered("post"));
    }
}
