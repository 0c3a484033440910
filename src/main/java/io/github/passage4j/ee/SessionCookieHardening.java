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
import java.util.Optional;
import java.util.Set;

/**
 * The session cookie carries the signed-in session, so in an app that signs in with Passage it is kept from
 * scripts ({@code HttpOnly}) and from cross-site subrequests ({@code SameSite=Lax}, which still lets the provider's
 * top-level redirect back to the callback carry it). An app that set its own {@code SameSite} keeps it. When the
 * app's base URL ({@code passage.base-url}) is https it is also {@code Secure}, even though the requests reach the
 * server over plain http behind a proxy that terminates TLS (the server would set {@code Secure} only for a request
 * that came over https).
 */
@HandlesTypes(PassageAuthenticationDefinition.class)
public final class SessionCookieHardening implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(SessionCookieHardening.class.getName());

    @Override
    public void onStartup(Set<Class<?>> definitions, ServletContext context) {
        if (definitions == null || definitions.isEmpty()) {
            return;
        }
        harden(definitions, context.getSessionCookieConfig(), ConfigSource.forDeployment(context.getClassLoader()));
    }

    /** What {@link #onStartup} does to the session cookie of an app with these definitions and this configuration. */
    static void harden(Set<Class<?>> definitions, SessionCookieConfig cookie, ConfigSource config) {
        try {
            cookie.setHttpOnly(true);
            if (isHttps(configuredBaseUrl(definitions, config))) {
                cookie.setSecure(true);
            }
            if (cookie.getAttribute("SameSite") == null) {
                cookie.setAttribute("SameSite", "Lax");
            }
        } catch (IllegalStateException | UnsupportedOperationException notAllowed) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: could not harden the session cookie ("
                    + notAllowed.getClass().getSimpleName() + "); set HttpOnly and SameSite=Lax in the server");
        }
    }

    /**
     * The base URL as configured ({@code passage.base-url}, else the first definition's {@code baseUrl} that is
     * written out): only its scheme matters here, and it is validated with the rest of the settings when the CDI
     * extension resolves them, so a malformed one fails the deployment there.
     */
    static String configuredBaseUrl(Set<Class<?>> definitions, ConfigSource config) {
        Optional<String> configured = config.value(SettingsResolver.configKey("baseUrl"));
        if (configured.isPresent()) {
            return configured.get().strip();
        }
        for (Class<?> type : definitions) {
            for (PassageAuthenticationDefinition definition
                    : type.getAnnotationsByType(PassageAuthenticationDefinition.class)) {
                String value = definition.baseUrl().strip();
                // an expression needs the CDI container, not there yet: such an app sets Secure through the server
                if (!value.isEmpty() && !value.contains("${")) {
                    return value;
                }
            }
        }
        return "";
    }

    private static boolean isHttps(String baseUrl) {
        return baseUrl.toLowerCase(Locale.ROOT).startsWith("https:");
    }

    /**
     * Adds the configured {@code SameSite} to the session cookie this response sets, where the server left it out:
     * Payara (6.2025) builds its session cookie from the domain, path, comment, secure, HttpOnly and max-age of the
     * {@link SessionCookieConfig} only, never from its attributes, so the one {@link #onStartup} sets does not reach
     * the browser there. Called right after the session is created or gets a new id; a cookie that already has a
     * {@code SameSite} keeps it. Likewise {@code Secure}, where {@link #onStartup} set it and the cookie lacks it.
     */
    static void completeSessionCookie(HttpServletRequest request, HttpServletResponse response) {
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        String sameSite = config.getAttribute("SameSite");
        boolean secure = config.isSecure();
        if ((sameSite == null || sameSite.isEmpty()) && !secure) {
            return;
        }
        String name = config.getName() == null || config.getName().isEmpty() ? "JSESSIONID" : config.getName();
        List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
        boolean completed = false;
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = cookies.get(i);
            if (!cookie.startsWith(name + "=")) {
                continue;
            }
            String attributes = cookie.toLowerCase(Locale.ROOT);
            String missing = (sameSite == null || sameSite.isEmpty() || attributes.contains("samesite=") ? ""
                    : "; SameSite=" + sameSite)
                    + (secure && !hasAttribute(attributes, "secure") ? "; Secure" : "");
            if (!missing.isEmpty()) {
                cookies.set(i, cookie + missing);
                completed = true;
            }
        }
        if (completed) {
            response.setHeader("Set-Cookie", cookies.get(0));
            cookies.subList(1, cookies.size()).forEach(cookie -> response.addHeader("Set-Cookie", cookie));
        }
    }

    /** Whether a lower-cased Set-Cookie value has the flag {@code name} among its attributes (not in its value). */
    private static boolean hasAttribute(String setCookie, String name) {
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].strip().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
