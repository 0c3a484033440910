package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The session cookie carries the signed-in session, so in an app that signs in with Passage it is kept from
 * scripts ({@code HttpOnly}) and from cross-site subrequests ({@code SameSite=Lax}, which still lets the provider's
 * top-level redirect back to the callback carry it). An app that set its own {@code SameSite} keeps it.
 */
@HandlesTypes(PassageAuthenticationDefinition.class)
public final class SessionCookieHardening implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(SessionCookieHardening.class.getName());

    @Override
    public void onStartup(Set<Class<?>> definitions, ServletContext context) {
        if (definitions == null || definitions.isEmpty()) {
            return;
        }
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        try {
            cookie.setHttpOnly(true);
            if (cookie.getAttribute("SameSite") == null) {
                cookie.setAttribute("SameSite", "Lax");
            }
        } catch (IllegalStateException | UnsupportedOperationException notAllowed) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: could not harden the session cookie ("
                    + notAllowed.getClass().getSimpleName() + "); set HttpOnly and SameSite=Lax in the server");
        }
    }

    /**
     * Adds the configured {@code SameSite} to the session cookie this response sets, where the server left it out:
     * Payara (6.2025) builds its session cookie from the domain, path, comment, secure, HttpOnly and max-age of the
     * {@link SessionCookieConfig} only, never from its attributes, so the one {@link #onStartup} sets does not reach
     * the browser there. Called right after the session is created or gets a new id; a cookie that already has a
     * {@code SameSite} keeps it.
     */
    static void completeSessionCookie(HttpServletRequest request, HttpServletResponse response) {
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        String sameSite = config.getAttribute("SameSite");
        if (sameSite == null || sameSite.isEmpty()) {
            return;
        }
        String name = config.getName() == null || config.getName().isEmpty() ? "JSESSIONID" : config.getName();
        List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
        boolean completed = false;
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = cookies.get(i);
            if (cookie.startsWith(name + "=") && !cookie.toLowerCase(Locale.ROOT).contains("samesite=")) {
                cookies.set(i, cookie + "; SameSite=" + sameSite);
                completed = true;
            }
        }
        if (completed) {
            response.setHeader("Set-Cookie", cookies.get(0));
            cookies.subList(1, cookies.size()).forEach(cookie -> response.addHeader("Set-Cookie", cookie));
        }
    }
}
