package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /profile}: the signed-in user's profile as JSON, every claim under its own name, plus {@code phone} (filled
 * from {@code phone_number} when the provider uses that name). Any signed-in user may read it.
 */
@WebServlet("/profile")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class ProfileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private PassageProfile profile;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(profile.getClaims());
        profile.getPhone().ifPresent(phone -> json.put("phone", phone));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try (Jsonb jsonb = JsonbBuilder.create()) {
            response.getWriter().write(jsonb.toJson(json));
        } catch (Exception closing) {
            throw new IOException(closing);
        }
    }
}
