package io.github.passage4j.provider;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 Form Post Response Mode: remembers which pending logins asked for {@code response_mode=form_post}, and
 * writes the answer such a request gets: an HTML page whose form posts the response parameters to the client's
 * redirect URI and submits itself (section 2; without script it shows a button).
 */
final class FormPostResponses {

    /** The id of the form on the page, by which a client (the test kit's browser) may recognise it. */
    static final String FORM_ID = "form-post-response";

    private final Set<String> formPostLogins = ConcurrentHashMap.newKeySet();

    /** Remembers the mode an authorization request asked for, by its pending login. */
    void remember(String loginId, String responseMode) {
        if ("form_post".equals(responseMode)) {
            formPostLogins.add(loginId);
        }
    }

    /** @return whether the login asked for form_post; forgotten once asked, as the login is used once */
    boolean take(String loginId) {
        return formPostLogins.remove(loginId);
    }

    /**
     * @param redirectUri the client's validated redirect URI
     * @param parameters  the response parameters
     * @return the self-submitting page
     */
    static Response page(String redirectUri, Map<String, String> parameters) {
        String nonce = Randoms.token(16);
        StringBuilder inputs = new StringBuilder();
        parameters.forEach((name, value) -> inputs.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
                .append("\" value=\"").append(Html.escape(value)).append("\">\n"));
        String body = "<h1>Returning to the application</h1>\n<form id=\"" + FORM_ID + "\" method=\"post\" action=\""
                + Html.escape(redirectUri) + "\">\n" + inputs + "<button type=\"submit\">Continue</button>\n</form>\n"
                + "<script nonce=\"" + nonce + "\">document.getElementById('" + FORM_ID + "').submit();</script>";
        return Response.html(200, Html.page("Returning to the application", body)).noStore()
                // the page's own script only; no form-action: the form posts to the client's origin
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-"
                        + nonce + "'; frame-ancestors 'none'");
    }
}
