package io.github.passage4j.provider;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: a status, headers and a body, written out by {@link Dispatcher}. */
final class Response {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    private Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    /**
     * @param status the HTTP status
     * @param json   the JSON object to send
     * @return a JSON response
     */
    static Response json(int status, Map<String, ?> json) {
        return new Response(status, "application/json", JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status the HTTP status
     * @param html   a complete HTML document
     * @return an HTML response, locked down so a page can run no script and cannot be framed
     */
    static Response html(int status, String html) {
        return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8))
                // No form-action directive: browsers apply it to the redirect after a form post, which goes to the
                // client's redirect URI on another origin.
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer");
    }

    /**
     * @param status the HTTP status
     * @param text   plain text
     * @return a plain-text response
     */
    static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status      the HTTP status
     * @param contentType the content type, or {@code null} for none
     * @param body        the body
     * @return exactly this response
     */
    static Response raw(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param location where to send the browser
     * @return a {@code 302 Found}
     */
    static Response redirect(String location) {
        return new Response(302, null, new byte[0]).header("Location", location);
    }

    /**
     * @param name  a header name
     * @param value its value
     * @return this
     */
    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return this, marked as not to be cached (token and userinfo answers) */
    Response noStore() {
        return header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }
}
