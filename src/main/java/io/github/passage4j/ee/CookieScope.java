package io.github.passage4j.ee;

import io.github.passage4j.oidc.SignInSecrets;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.time.Duration;

/**
 * How the app's own cookies are named and scoped. When browsers reach the app over https (by the configured base URL,
 * else by the request), every cookie is {@code Secure} and named {@code __Host-...}: a browser then accepts it only
 * from this very host over https, with {@code Path=/} and no {@code Domain} (RFC 6265bis 4.1.3.2), so a sibling
 * subdomain or a plain-http page cannot plant one (a fixed {@code passage_session} in stateless mode). {@code Path=/}
 * would let two apps of the host overwrite each other's cookies, so the name carries a short hash of the context path
 * ({@code __Host-passage_session.} and 8 characters). Over plain http (local development on loopback) a browser refuses
 * {@code __Host-}, so the names stay as they are and the cookies are scoped by the context path instead.
 *
 * @param secure      whether the cookies are {@code Secure} and {@code __Host-}
 * @param contextPath the app's context path, empty at the root
 */
record CookieScope(boolean secure, String contextPath) {

    static final String HOST_PREFIX = "__Host-";

    /** The scope of this app's cookies for one request, by the configured base URL (null: by the request). */
    static CookieScope of(HttpServletRequest request, URI configuredBase) {
        return new CookieScope(AppUrls.isHttps(request, configuredBase), request.getContextPath());
    }

    /** The name of the app's cookie {@code base}, such as {@code passage_session}. */
    String name(String base) {
        return secure ? HOST_PREFIX + base + "." + appTag() : base;
    }

    /** The attributes every cookie of the app gets; {@code maxAge} null for a browser-session cookie. */
    String attributes(Duration maxAge) {
        String path = secure || contextPath.isEmpty() ? "/" : contextPath;
        return "; Path=" + path
                + (maxAge == null ? "" : "; Max-Age=" + maxAge.toSeconds())
                + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    private String appTag() {
        return SignInSecrets.sha256Base64Url(contextPath).substring(0, 8);
    }
}
