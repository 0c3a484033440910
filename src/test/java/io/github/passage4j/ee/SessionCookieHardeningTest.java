package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.servlet.SessionCookieConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCookieHardeningTest {

    @PassageAuthenticationDefinition
    static class Plain {
    }

    @PassageAuthenticationDefinition(baseUrl = "https://app.example.com")
    static class BehindProxy {
    }

    @PassageAuthenticationDefinition(baseUrl = "${app.base}")
    static class ByExpression {
    }

    private final Map<String, String> config = new HashMap<>();
    private final ServletFakes.Request request = ServletFakes.request("/passage/callback");

    /** Hardens the session cookie of {@link #request}'s app, with the current {@link #config}. */
    private SessionCookieConfig harden(Class<?> definition) {
        SessionCookieHardening.harden(Set.of(definition), request.sessionCookieConfig,
                key -> Optional.ofNullable(config.get(key)));
        return request.sessionCookieConfig;
    }

    /** The same for a new app. */
    private SessionCookieConfig hardenAnother(Class<?> definition) {
        SessionCookieConfig cookie = ServletFakes.request("/").sessionCookieConfig;
        SessionCookieHardening.harden(Set.of(definition), cookie, key -> Optional.ofNullable(config.get(key)));
        return cookie;
    }

    @Test
    void theSessionCookieIsHttpOnlyAndLaxAndKeepsTheAppsOwnSameSite() {
        SessionCookieConfig cookie = harden(Plain.class);
        assertTrue(cookie.isHttpOnly());
        assertEquals("Lax", cookie.getAttribute("SameSite"));
        assertFalse(cookie.isSecure(), "without a base URL the server decides by each request");

        ServletFakes.Request strict = ServletFakes.request("/");
        strict.sessionCookieConfig.setAttribute("SameSite", "Strict");
        SessionCookieHardening.harden(Set.of(Plain.class), strict.sessionCookieConfig, key -> Optional.empty());
        assertEquals("Strict", strict.sessionCookieConfig.getAttribute("SameSite"));
    }

    @Test
    void anHttpsBaseUrlMakesTheSessionCookieSecureFromTheAnnotationOrTheConfiguration() {
        assertTrue(harden(BehindProxy.class).isSecure(), "by the annotation");
        config.put("passage.base-url", "https://app.example.com/shop");
        assertTrue(hardenAnother(Plain.class).isSecure(), "by passage.base-url");
        config.put("passage.base-url", "http://localhost:8080");
        assertFalse(hardenAnother(BehindProxy.class).isSecure(),
                "the configuration wins, and plain http is not secure");
        config.clear();
        assertFalse(hardenAnother(ByExpression.class).isSecure(), "an expression cannot be evaluated this early");
    }

    @Test
    void theSessionCookieAPayaraServerWroteIsCompletedWithSameSiteAndSecure() {
        harden(BehindProxy.class);
        ServletFakes.Response response = new ServletFakes.Response();
        var servletResponse = response.build();
        servletResponse.addHeader("Set-Cookie", "other=1; Path=/");
        servletResponse.addHeader("Set-Cookie", "JSESSIONID=abc; Path=/app; HttpOnly");
        SessionCookieHardening.completeSessionCookie(request.build(), servletResponse);
        assertEquals(List.of("other=1; Path=/", "JSESSIONID=abc; Path=/app; HttpOnly; SameSite=Lax; Secure"),
                response.headers("Set-Cookie"));

        ServletFakes.Response complete = new ServletFakes.Response();
        var completeResponse = complete.build();
        completeResponse.addHeader("Set-Cookie", "JSESSIONID=secure-looking; Path=/app; Secure; SameSite=Strict");
        SessionCookieHardening.completeSessionCookie(request.build(), completeResponse);
        assertEquals(List.of("JSESSIONID=secure-looking; Path=/app; Secure; SameSite=Strict"),
                complete.headers("Set-Cookie"), "a cookie that has both keeps them");
    }

    @Test
    void withoutAnHttpsBaseUrlOnlySameSiteIsAdded() {
        harden(Plain.class);
        ServletFakes.Response response = new ServletFakes.Response();
        var servletResponse = response.build();
        servletResponse.addHeader("Set-Cookie", "JSESSIONID=secure; Path=/app");
        SessionCookieHardening.completeSessionCookie(request.build(), servletResponse);
        assertEquals(List.of("JSESSIONID=secure; Path=/app; SameSite=Lax"), response.headers("Set-Cookie"),
                "a value that reads 'secure' is no Secure attribute");
    }
}
