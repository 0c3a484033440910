package io.github.passage4j.ee;

import io.github.passage4j.oidc.UriRules;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Locale;

/** The app's own URLs as seen by one request: base URL, paths within the app, configured URIs made absolute. */
final class AppUrls {

    private AppUrls() {
    }

    /** Scheme, host, port and context root, without a trailing slash: {@code https://example.com/app}. */
    static String baseUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        String uri = request.getRequestURI();
        String origin = url.substring(0, url.length() - uri.length());
        return origin + request.getContextPath();
    }

    /**
     * The app's base URL as browsers see it, without a trailing slash: the configured one ({@code passage.base-url})
     * when set, with the context path appended when it has no path of its own; else the request's.
     */
    static String baseUrl(HttpServletRequest request, URI configured) {
        if (configured == null) {
            return baseUrl(request);
        }
        String base = UriRules.withoutTrailingSlashes(configured.toString());
        String path = configured.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? base + request.getContextPath() : base;
    }

    /**
     * The app's origin as browsers see it ({@code https://app.example.com}, default port left out), what their
     * {@code Origin} header names for a request from the app's own pages.
     */
    static String origin(HttpServletRequest request, URI configured) {
        return origin(URI.create(baseUrl(request, configured)));
    }

    /**
     * An origin in the form an {@code Origin} header has (RFC 6454 6.1): lower-case scheme and host, no default port.
     */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /** Whether browsers reach the app over https: by the configured base URL when set, else by this request. */
    static boolean isHttps(HttpServletRequest request, URI configured) {
        return configured == null ? request.isSecure() : "https".equalsIgnoreCase(configured.getScheme());
    }

    /**
     * A path of this app (context path included, as {@link #isPathOfThisApp} accepts) as a redirect target: as it is
     * when no base URL is configured, else absolute on the configured base, so that a proxy mapping the app to another
     * path or host still gets the browser there.
     */
    static String redirectTarget(HttpServletRequest request, URI configured, String pathOfThisApp) {
        if (configured == null) {
            return pathOfThisApp;
        }
        String contextPath = request.getContextPath();
        String withinApp = pathOfThisApp.startsWith(contextPath) ? pathOfThisApp.substring(contextPath.length())
                : pathOfThisApp;
        return baseUrl(request, configured) + (withinApp.isEmpty() || withinApp.startsWith("?") ? "/" + withinApp
                : withinApp);
    }

    /** The request's path within the app, e.g. {@code /profile}; {@code /} for the app root. */
    static String pathWithinApp(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        return path.isEmpty() ? "/" : path;
    }

    /** A configured value that is either absolute or a path relative to the app's base URL. */
    static URI resolve(HttpServletRequest request, URI configuredBase, String uriOrPath) {
        return uriOrPath.startsWith("/") ? URI.create(baseUrl(request, configuredBase) + uriOrPath)
                : URI.create(uriOrPath);
    }

    /** The path within the app where a configured redirect URI lands. */
    static String pathOf(HttpServletRequest request, String uriOrPath) {
        if (uriOrPath.startsWith("/")) {
            return uriOrPath;
        }
        String path = URI.create(uriOrPath).getRawPath();
        String contextPath = request.getContextPath();
        if (!contextPath.isEmpty() && path.startsWith(contextPath + "/")) {
            return path.substring(contextPath.length());
        }
        return path.isEmpty() ? "/" : path;
    }

    /** The app root, for redirects: the context path and a slash. */
    static String rootPath(HttpServletRequest request) {
        return request.getContextPath() + "/";
    }

    /** The path and query the browser asked for, as a redirect target within this app. */
    static String originalPath(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /**
     * Whether a remembered return path is a path of this app. Only such paths are ever redirected to, so that no
     * request can turn the sign-in into an open redirect. Besides the other origins ({@code //host}, {@code /\host}, a
     * tab or newline a browser drops), it refuses what would leave the context path once a browser or server
     * normalises it: dot segments, also percent-encoded ({@code %2e}, which a browser decodes as a dot, RFC 3986
     * 5.2.4 and the WHATWG URL Standard) or with a path parameter ({@code ..;}, which servlet containers drop), and an
     * encoded {@code /}, {@code \} or {@code %} that a server might decode into one.
     */
    static boolean isPathOfThisApp(HttpServletRequest request, String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
            return false;
        }
        for (char c : path.toCharArray()) {
            // visible ASCII only: a browser percent-encodes the rest, and a Location header carries only bytes
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        int end = path.length();
        for (char delimiter : new char[] {'?', '#'}) {
            int at = path.indexOf(delimiter);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String pathPart = path.substring(0, end).toLowerCase(Locale.ROOT);
        if (pathPart.contains("%2f") || pathPart.contains("%5c") || pathPart.contains("%25")) {
            return false;
        }
        for (String segment : pathPart.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment).replace("%2e", ".");
            if (name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        String contextPath = request.getContextPath();
        return contextPath.isEmpty() || path.equals(contextPath) || path.startsWith(contextPath + "/")
                || path.startsWith(contextPath + "?");
    }
}
