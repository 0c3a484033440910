package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * {@code /account}: a page with a step-up requirement ({@link PassageSignIn}'s {@code stepUp}): by default a
 * sign-in of the last 10 minutes; with {@code PASSAGE_STEP_UP} set, whatever that says, e.g. an
 * {@code acr_values} of the provider's second factor. A caller who falls short is sent back to the provider first.
 */
@WebServlet("/account")
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private SecurityContext securityContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PassageProfile profile = securityContext.getPrincipalsByType(PassageProfile.class).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the step-up requirement lets no anonymous caller in"));
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Your account</title>"
                + "<style>" + HomeServlet.STYLE + "</style></head><body><main><h1>Your account</h1>");
        out.println("<p>This page asks for a stronger or more recent sign-in than the rest of the app.</p>");
        out.println("<table id=\"authentication\"><tbody>");
        out.println("<tr><th>Authentication class (acr)</th><td id=\"acr\">"
                + HomeServlet.escape(profile.getClaim("acr").orElse("none")) + "</td></tr>");
        out.println("<tr><th>Signed in at (auth_time)</th><td id=\"auth-time\">"
                + profile.getAuthTime().map(Instant::toString).orElse("unknown") + "</td></tr>");
        out.println("</tbody></table>");
        out.println("<p><a href=\"" + HomeServlet.escape(request.getContextPath() + "/") + "\">Back to the start page</a></p>");
        out.println("</main></body></html>");
    }
}
