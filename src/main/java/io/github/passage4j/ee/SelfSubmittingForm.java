package io.github.passage4j.ee;

import io.github.passage4j.oidc.SignInSecrets;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/**
 * A page that POSTs hidden fields on to another URL and submits itself (without script it shows a button): for
 * values that must not travel in a URL, where browser history, proxies, server logs and the Referer would keep them
 * (the end-session request's {@code id_token_hint}, a form_post response's code). Nothing on it runs but its own
 * script, it cannot be framed, it sends no Referer, and it may be held to post to its action's origin only.
 */
final class SelfSubmittingForm {

    private static final System.Logger LOG = System.getLogger(SelfSubmittingForm.class.getName());

    /**
     * @param title  the page's title
     * @param formId the form's id, by which a client (the test kit's browser) recognises the page
     * @param text   a sentence shown above the button; empty for none
     * @param button the button's label, for a browser without script
     * @param sameOriginTarget whether CSP {@code form-action} holds the form to its action's origin; browsers apply
     *                         it to the redirects that follow the POST too, so not for a target (the provider's
     *                         end-session endpoint) that redirects the browser elsewhere (back to the app)
     */
    record Page(String title, String formId, String text, String button, boolean sameOriginTarget) {
    }

    private SelfSubmittingForm() {
    }

    static AuthenticationStatus send(HttpServletResponse response, Page page, URI action, Map<String, String> fields) {
        String nonce = SignInSecrets.randomToken();
        StringBuilder inputs = new StringBuilder();
        fields.forEach((name, value) -> inputs.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
                .append("\" value=\"").append(Html.escape(value)).append("\">"));
        try {
            Responses.noStore(response);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'"
                    + (page.sameOriginTarget() ? "; form-action " + action.getScheme() + "://" + action.getRawAuthority()
                    : "") + "; frame-ancestors 'none'");
            PrintWriter out = response.getWriter();
            out.print("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + Html.escape(page.title()) + "</title></head><body><form id=\"" + Html.escape(page.formId())
                    + "\" method=\"post\" action=\"" + Html.escape(action.toString()) + "\">" + inputs
                    + (page.text().isEmpty() ? "" : "<p>" + Html.escape(page.text()) + "</p>")
                    + "<button type=\"submit\">" + Html.escape(page.button()) + "</button></form><script nonce=\""
                    + nonce + "\">document.getElementById('" + page.formId() + "').submit();</script></body></html>");
            out.close();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the page " + page.title(), failure);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
