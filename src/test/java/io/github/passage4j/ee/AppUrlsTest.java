package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppUrlsTest {

    /** Pieces of hostile and honest paths: separators, dot segments plain and encoded, controls, unicode. */
    private static final String[] PIECES = {
        "/", "//", "\\", "/\\", "\\/", ".", "..", "./", "../", "%2e", "%2E", "%2e%2e", ".%2e", "%2e.", "%2f", "%2F",
        "%5c", "%5C", "%25", "%252e", "%", ";", ";jsessionid=x", "..;", "\t", "\r", "\n", "\r\n", " ", "\u0000",
        "\u007f", "?", "?x=1", "?next=//evil.example", "#", "#frag", "@", ":", "evil.example", "app", "/app", "/app/",
        "/apple", "page", "x", "é", "\u2215", "\uFF0F", "\uFE68", "\u3002", "%E2%80%AE", "a b", "~", "&", "=",
    };

    private static HttpServletRequest app(String contextPath) {
        return ServletFakes.request("/page").contextPath(contextPath).build();
    }

    @Test
    void everyAcceptedPathStaysOnTheAppsOriginAndUnderItsContextPath() {
        Random random = new Random(20_260_101L);
        int accepted = 0;
        for (String contextPath : new String[] {"/app", ""}) {
            HttpServletRequest request = app(contextPath);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder path = new StringBuilder(random.nextInt(3) == 0 ? "" : contextPath + "/");
                int pieces = 1 + random.nextInt(7);
                for (int j = 0; j < pieces; j++) {
                    path.append(PIECES[random.nextInt(PIECES.length)]);
                }
                String candidate = path.toString();
                if (AppUrls.isPathOfThisApp(request, candidate)) {
                    accepted++;
                    assertStaysInTheApp(contextPath, candidate);
                }
            }
        }
        assertTrue(accepted > 3_000, "the generator also makes acceptable paths: " + accepted);
    }

    @Test
    void knownEscapesAreRefusedAndOrdinaryPathsAccepted() {
        HttpServletRequest request = app("/app");
        for (String escape : new String[] {"//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
            "https://evil.example", "/app/../other", "/app/%2e%2e/other", "/app/.%2E/other", "/app/..;/other",
            "/app/..%2fother", "/app/%5c..%5cother", "/app/%252e%252e/other", "/apple", "/app\r\nSet-Cookie: x",
            "app/page", "", "/other", "/app/./x", "/app/\u00e9", "/app/\u00a0x", "/app/\u2028x", "/app/\u010ax"}) {
            assertFalse(AppUrls.isPathOfThisApp(request, escape), escape);
        }
        for (String path : new String[] {"/app", "/app/", "/app/profile?tab=1&next=/x", "/app?x=../..",
            "/app/a.b/c..d/...", "/app/caf%C3%A9", "/app/page#../../x"}) {
            assertTrue(AppUrls.isPathOfThisApp(request, path), path);
        }
        assertTrue(AppUrls.isPathOfThisApp(app(""), "/anything/here"));
    }

    /** How a browser resolves the path against a page of the app, and how a server might decode it further. */
    private static void assertStaysInTheApp(String contextPath, String path) {
        // the WHATWG URL parser drops tabs and newlines, strips C0 and spaces at the ends, and reads \ as /
        String browser = path.replaceAll("[\t\r\n]", "").replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "")
                .replace('\\', '/');
        assertFalse(browser.startsWith("//"), "another host: " + path);
        assertTrue(browser.startsWith("/"), "not a path: " + path);
        int end = browser.length();
        for (char delimiter : new char[] {'?', '#'}) {
            int at = browser.indexOf(delimiter);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String resolved = removeDotSegments(browser.substring(0, end), true);
        assertUnder(contextPath, resolved, path + " as a browser resolves it");
        // a server that decodes once more and drops path parameters must still find it in the app
        String decoded;
        try {
            decoded = URLDecoder.decode(resolved.replace("+", "%2B"), StandardCharsets.UTF_8).replace('\\', '/');
        } catch (IllegalArgumentException malformed) {
            return; // a server refuses a malformed escape with 400
        }
        assertUnder(contextPath, removeDotSegments(decoded.replaceAll(";[^/]*", ""), false), path + " decoded");
        URI absolute = URI.create("https://app.example").resolve(URI.create("https://app.example"
                + resolved.replace(" ", "%20").replaceAll("[^\\x21-\\x7e]", "_")));
        assertEquals("app.example", absolute.getHost(), path);
    }

    private static String removeDotSegments(String path, boolean encodedDots) {
        Deque<String> out = new ArrayDeque<>();
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String name = encodedDots ? segments[i].toLowerCase(Locale.ROOT).replace("%2e", ".") : segments[i];
            boolean last = i == segments.length - 1;
            if (name.equals("..")) {
                out.pollLast();
                if (last) {
                    out.add("");
                }
            } else if (name.equals(".")) {
                if (last) {
                    out.add("");
                }
            } else {
                out.add(segments[i]);
            }
        }
        return "/" + String.join("/", out);
    }

    private static void assertUnder(String contextPath, String resolved, String what) {
        assertTrue(contextPath.isEmpty() || resolved.equals(contextPath) || resolved.startsWith(contextPath + "/"),
                what + " is " + resolved + ", outside " + contextPath);
    }

    @Test
    void theConfiguredBaseUrlMakesTheAbsoluteUrlsBehindAProxy() {
        HttpServletRequest internal = ServletFakes.request("/page").origin("http", "10.0.0.5", 8080).build();
        assertEquals("http://10.0.0.5:8080/app", AppUrls.baseUrl(internal, null));
        assertEquals("https://app.example.com/app", AppUrls.baseUrl(internal, URI.create("https://app.example.com")));
        assertEquals("https://app.example.com/app", AppUrls.baseUrl(internal, URI.create("https://app.example.com/")));
        assertEquals("https://app.example.com/shop", AppUrls.baseUrl(internal,
                URI.create("https://app.example.com/shop/")), "a path replaces the context path");
        assertEquals(URI.create("https://app.example.com/shop/passage/callback"), AppUrls.resolve(internal,
                URI.create("https://app.example.com/shop"), "/passage/callback"));
        assertEquals(URI.create("https://elsewhere.example/done"), AppUrls.resolve(internal,
                URI.create("https://app.example.com/shop"), "https://elsewhere.example/done"), "absolute stays");

        assertEquals("/app/profile?x=1", AppUrls.redirectTarget(internal, null, "/app/profile?x=1"), "as it is");
        assertEquals("https://app.example.com/shop/profile?x=1", AppUrls.redirectTarget(internal,
                URI.create("https://app.example.com/shop"), "/app/profile?x=1"));
        assertEquals("https://app.example.com/shop/", AppUrls.redirectTarget(internal,
                URI.create("https://app.example.com/shop"), "/app"));
        assertEquals("https://app.example.com/shop/?x=1", AppUrls.redirectTarget(internal,
                URI.create("https://app.example.com/shop"), "/app?x=1"));

        assertTrue(AppUrls.isHttps(internal, URI.create("https://app.example.com")), "by the base URL");
        assertFalse(AppUrls.isHttps(internal, null), "by the request");
        assertFalse(AppUrls.isHttps(ServletFakes.request("/").build(), URI.create("http://localhost:8080")));
        assertTrue(AppUrls.isHttps(ServletFakes.request("/").build(), null));
    }
}
