package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.security.enterprise.SecurityContext;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/** {@code /}: public. Offers the sign-in, or greets the signed-in user. */
@WebServlet("")
public class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private SecurityContext securityContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PassageProfile> profile = securityContext.getPrincipalsByType(PassageProfile.class).stream()
                .findFirst();
        String base = request.getContextPath();
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hello Passage</title>"
                + "</head><body><h1>Hello Passage</h1>");
        if (profile.isPresent()) {
            out.println("<p>Signed in as <strong>" + escape(profile.get().getEmail()
                    .or(profile.get()::getPhone).orElse(profile.get().getName())) + "</strong>.</p>");
            out.println("<p><a href=\"" + base + "/profile\">Your profile (JSON)</a></p>");
            out.println("<p><a href=\"" + base + "/logout\">Sign out</a></p>");
        } else {
            out.println("<p><a href=\"" + base + "/profile\">Sign in with Passage</a></p>");
        }
        out.println("</body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
