package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /}: public. Offers the sign-in (a "Sign in with Passage" button), or shows the signed-in user's profile as a
 * table of its claims, with a sign-out button. {@code /profile} serves the same claims as JSON.
 */
@WebServlet("")
public class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Claims that are seconds since the epoch: shown with their date. */
    private static final Set<String> TIMES = Set.of("iat", "exp", "auth_time", "nbf", "updated_at");

    static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            h1{font-size:1.5rem} .muted{color:#666;font-size:.9rem}
            button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;cursor:pointer;border:1px solid #1f4fd1}
            .primary{background:#1f4fd1;color:#fff} .secondary{background:#fff;color:#1f4fd1}
            table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}
            th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
            th{background:#f4f6fb;white-space:nowrap} td{word-break:break-all} form{display:inline}
            """;

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
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Hello Passage</title>"
                + "<style>" + STYLE + "</style></head><body><main><h1>Hello Passage</h1>");
        if (profile.isPresent()) {
            signedIn(out, base, profile.get());
        } else {
            // GET /passage/signin starts a sign-in with the app's Passage definition, then returns to /profile
            out.println("<p>You are not signed in.</p>");
            out.println("<form id=\"sign-in\" method=\"get\" action=\"" + escape(base + "/passage/signin") + "\">"
                    + "<input type=\"hidden\" name=\"return\" value=\"" + escape(base + "/profile") + "\">"
                    + "<button type=\"submit\" class=\"primary\">Sign in with Passage</button></form>");
        }
        out.println("</main></body></html>");
    }

    private static void signedIn(PrintWriter out, String base, PassageProfile profile) {
        out.println("<p>Signed in as <strong id=\"signed-in-as\">" + escape(profile.getEmail()
                .or(profile::getPhone).orElse(profile.getName())) + "</strong>.</p>");
        out.println("<form id=\"sign-out\" method=\"post\" action=\"" + escape(base + "/logout") + "\">"
                + "<button type=\"submit\" class=\"secondary\">Sign out</button></form>");
        out.println("<h2>Your profile</h2>");
        out.println("<table id=\"claims\"><thead><tr><th>Claim</th><th>Value</th></tr></thead><tbody>");
        Map<String, Object> claims = new LinkedHashMap<>(profile.getClaims());
        profile.getPhone().ifPresent(phone -> claims.put("phone", phone));
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (Map.Entry<String, Object> claim : claims.entrySet()) {
                out.println("<tr><th>" + escape(claim.getKey()) + "</th><td>"
                        + escape(display(claim.getKey(), claim.getValue(), jsonb)) + "</td></tr>");
            }
        } catch (Exception closing) {
            throw new IllegalStateException(closing);
        }
        out.println("</tbody></table>");
        out.println("<p><a id=\"account\" href=\"" + escape(base + "/account") + "\">Your account</a>"
                + " (asks for a stronger or more recent sign-in)</p>");
        out.println("<p class=\"muted\">The same as JSON: <a href=\"" + escape(base + "/profile") + "\">/profile</a>"
                + " (a page) and <a href=\"" + escape(base + "/api/me") + "\">/api/me</a> (the API).</p>");
    }

    private static String display(String name, Object value, Jsonb jsonb) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number seconds && TIMES.contains(name)) {
            return seconds + " (" + Instant.ofEpochSecond(seconds.longValue()) + ")";
        }
        if (value instanceof Number || value instanceof Boolean || value == null) {
            return String.valueOf(value);
        }
        return jsonb.toJson(value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
