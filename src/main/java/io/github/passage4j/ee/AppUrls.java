package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;

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

    /** The request's path within the app, e.g. {@code /profile}; {@code /} for the app root. */
    static String pathWithinApp(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        return path.isEmpty() ? "/" : path;
    }

    /** A configured value that is either absolute or a path relative to the app's base URL. */
    static URI resolve(HttpServletRequest request, String uriOrPath) {
        return uriOrPath.startsWith("/") ? URI.create(baseUrl(request) + uriOrPath) : URI.create(uriOrPath);
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
     * request can turn the sign-in into an open redirect.
     */
    static boolean isPathOfThisApp(HttpServletRequest request, String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
            return false;
        }
        for (char c : path.toCharArray()) {
            if (c < 0x21 || c == 0x7F) {
                return false;
            }
        }
        String contextPath = request.getContextPath();
        return contextPath.isEmpty() || path.equals(contextPath) || path.startsWith(contextPath + "/")
                || path.startsWith(contextPath + "?");
    }
}
