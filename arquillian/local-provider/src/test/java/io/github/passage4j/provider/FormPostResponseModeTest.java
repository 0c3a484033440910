package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OAuth 2.0 Form Post Response Mode at the provider: discovery lists form_post, a request that asks for it is answered
 * with a self-submitting form posting code, state and iss to the redirect URI (errors too), query still redirects,
 * and {@link Behaviour#formPost(FormPostFlaw)} breaks exactly one thing: the answer as a redirect after all, or a
 * changed state.
 */
class FormPostResponseModeTest {

    @RegisterExtension
    static final ProviderFixture fixture = new ProviderFixture();
    static final LocalPassageProvider provider = fixture.provider();
    static final TestClient client = fixture.client();

    private static URI formPost(TestClient.Flow flow) {
        return URI.create(flow.authorizationUrl() + "&response_mode=form_post");
    }

    /** The provider's answer to alice's sign-in at {@code authorizationUrl}, not followed. */
    private static HttpResponse<String> signInAnswer(URI authorizationUrl) throws Exception {
        HttpRequest submission = LoginPage.open(client.http, authorizationUrl).signInAsRequest("user-alice");
        return client.http.send(submission, HttpResponse.BodyHandlers.ofString());
    }

    /** The page's form: action and hidden fields. */
    static Map<String, String> form(HttpResponse<String> page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher action = Pattern.compile("<form id=\"" + FormPostResponses.FORM_ID
                + "\" method=\"post\" action=\"([^\"]+)\"").matcher(page.body());
        assertTrue(action.find(), page.body());
        fields.put("(action)", action.group(1));
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(page.body());
        while (input.find()) {
            fields.put(input.group(1), input.group(2));
        }
        return fields;
    }

    @Test
    void discoveryListsFormPost() throws Exception {
        HttpResponse<String> discovery = client.get(URI.create(provider.issuer() + "/.well-known/openid-configuration"));
        assertEquals(List.of("query", "form_post"), TestClient.json(discovery).get("response_modes_supported"));
    }

    @Test
    void aFormPostRequestIsAnsweredWithASelfSubmittingFormWhoseCodeRedeems() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        HttpResponse<String> page = signInAnswer(formPost(flow));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'nonce-"));
        assertTrue(page.body().contains(".submit();</script>"));
        Map<String, String> fields = form(page);
        assertEquals(TestClient.REDIRECT_URI, fields.get("(action)"));
        assertEquals(flow.state(), fields.get("state"));
        assertEquals(provider.issuer().toString(), fields.get("iss"));
        assertEquals(200, client.redeem(fields.get("code"), flow.verifier()).statusCode());
    }

    @Test
    void queryStillRedirects() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        HttpResponse<String> answer = signInAnswer(URI.create(flow.authorizationUrl() + "&response_mode=query"));
        assertEquals(302, answer.statusCode());
    }

    @Test
    void anErrorIsPostedToo() throws Exception {
        provider.behaviour().denyNextAuthorization();
        TestClient.Flow flow = client.flow("openid");
        HttpResponse<String> page = client.get(formPost(flow));
        assertEquals(200, page.statusCode());
        Map<String, String> fields = form(page);
        assertEquals("access_denied", fields.get("error"));
        assertEquals(flow.state(), fields.get("state"));
    }

    @Test
    void anUnknownResponseModeIsAnInvalidRequest() throws Exception {
        TestClient.Flow flow = client.flow("openid");
        HttpResponse<String> answer = client.get(URI.create(flow.authorizationUrl() + "&response_mode=form_post.jwt"));
        assertEquals(302, answer.statusCode());
        assertEquals("invalid_request", TestClient.query(URI.create(answer.headers().firstValue("Location")
                .orElseThrow())).get("error"));
    }

    @Test
    void hostileAnsweredAsRedirectPutsTheResponseInTheUrl() throws Exception {
        provider.behaviour().formPost(FormPostFlaw.ANSWERED_AS_REDIRECT);
        TestClient.Flow flow = client.flow("openid");
        HttpResponse<String> answer = signInAnswer(formPost(flow));
        assertEquals(302, answer.statusCode());
        Map<String, String> query = TestClient.query(URI.create(answer.headers().firstValue("Location").orElseThrow()));
        assertEquals(flow.state(), query.get("state"));
        assertTrue(query.containsKey("code"));
    }

    @Test
    void hostileTamperedStateChangesOnlyTheState() throws Exception {
        provider.behaviour().formPost(FormPostFlaw.STATE_TAMPERED);
        TestClient.Flow flow = client.flow("openid");
        Map<String, String> fields = form(signInAnswer(formPost(flow)));
        assertNotEquals(flow.state(), fields.get("state"));
        assertEquals(flow.state().length(), fields.get("state").length());
        assertEquals(provider.issuer().toString(), fields.get("iss"));
        assertEquals(200, client.redeem(fields.get("code"), flow.verifier()).statusCode(), "the code itself is good");
    }

    @Test
    void resetUndoesTheFlaw() throws Exception {
        provider.behaviour().formPost(FormPostFlaw.ANSWERED_AS_REDIRECT).reset();
        TestClient.Flow flow = client.flow("openid");
        assertEquals(200, signInAnswer(formPost(flow)).statusCode());
    }
}
