package io.github.passage4j.ee;

import io.github.passage4j.oidc.SignInSecrets;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/**
 * Sends the browser to the provider's end-session endpoint with a form POST (RP-Initiated Logout 1.0 section 2
 * allows GET and POST) rather than a redirect, so the ID token given as {@code id_token_hint} never appears in a URL,
 * where browser history, proxies and server logs would keep it. The page submits itself; without script it shows
 * a button.
 */
final class LogoutForm {

    private static final System.Logger LOG = System.getLogger(LogoutForm.class.getName());

    private LogoutForm() {
    }

    static AuthenticationStatus send(HttpServletResponse response, URI endSessionEndpoint, Map<String, String> fields) {
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
            response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'");
            PrintWriter out = response.getWriter();
            out.print("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing out</title>"
                    + "</head><body><form id=\"end-session\" method=\"post\" action=\""
                    + Html.escape(endSessionEndpoint.toString()) + "\">" + inputs
                    + "<p>You are signed out of this app.</p><button type=\"submit\">Sign out at the provider too"
                    + "</button></form><script nonce=\"" + nonce + "\">document.getElementById('end-session')"
                    + ".submit();</script></body></html>");
            out.close();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the logout page", failure);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
