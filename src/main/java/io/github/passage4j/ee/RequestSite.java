package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/**
 * Where a request comes from, as the browser tells: by Fetch Metadata ({@code Sec-Fetch-Site}, W3C Fetch Metadata
 * Request Headers 2.1), else by the {@code Origin} header (RFC 6454 7), which browsers send with every POST. Both are
 * set by the browser alone: a page cannot forge them for a request it makes, so they tell a request of this app's own
 * pages from one another site had the browser send with its cookies (cross-site request forgery). A client that is
 * no browser can send anything, but it holds no victim's cookies. One helper for every such decision.
 */
enum RequestSite {

    /** From a page of this app's own origin. */
    SAME_ORIGIN,
    /** Typed, bookmarked or otherwise started by the user, not by any page ({@code Sec-Fetch-Site: none}). */
    USER_INITIATED,
    /** From another origin: another site, a sibling subdomain ({@code same-site}), or an opaque {@code null} origin. */
    OTHER_ORIGIN,
    /** The browser said nothing (an old browser, or no browser): no proof either way. */
    UNKNOWN;

    /**
     * @param appOrigin the app's origin as browsers see it ({@link AppUrls#origin(HttpServletRequest, java.net.URI)})
     */
    static RequestSite of(HttpServletRequest request, String appOrigin) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return switch (fetchSite.strip().toLowerCase(Locale.ROOT)) {
                case "same-origin" -> SAME_ORIGIN;
                case "none" -> USER_INITIATED;
                // cross-site, same-site, and any value a browser does not send
                default -> OTHER_ORIGIN;
            };
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return UNKNOWN;
        }
        return origin.strip().equalsIgnoreCase(appOrigin) ? SAME_ORIGIN : OTHER_ORIGIN;
    }

    /** RFC 9110 9.2.1: GET, HEAD, OPTIONS (and TRACE) are safe: they are not meant to change anything. */
    static boolean isSafeMethod(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }
}
