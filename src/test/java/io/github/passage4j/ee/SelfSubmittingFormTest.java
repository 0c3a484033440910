package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-posting page: fields escaped, its own script only, no framing, no Referer; form-action where safe. */
class SelfSubmittingFormTest {

    private static ServletFakes.Response send(boolean sameOriginTarget) {
        ServletFakes.Response response = new ServletFakes.Response();
        SelfSubmittingForm.send(response.build(), new SelfSubmittingForm.Page("Title", "the-form", "", "Go",
                sameOriginTarget), URI.create("https://op.example/logout"), Map.of("state", "\"><script>x</script>"));
        return response;
    }

    @Test
    void thePagePostsItsEscapedFieldsAndNothingElseRuns() {
        ServletFakes.Response response = send(true);
        assertEquals(200, response.status);
        assertEquals("no-referrer", response.header("Referrer-Policy"));
        assertFalse(response.body.toString().contains("<script>x"), response.body.toString());
        String policy = response.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'nonce-"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("form-action https://op.example"), policy);
    }

    @Test
    void aTargetThatRedirectsElsewhereIsNotHeldToItsOrigin() {
        // browsers apply form-action to the redirects after the POST: the provider's end-session endpoint sends the
        // browser back to the app, which a form-action of the provider's origin would block
        assertFalse(send(false).header("Content-Security-Policy").contains("form-action"));
    }
}
