package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP answer from the provider: status and the whole (size-capped) body.
 *
 * @param status the HTTP status code
 * @param body the response body; never null
 */
record HttpAnswer(int status, byte[] body) {

    HttpAnswer {
        body = body == null ? new byte[0] : body;
    }

    /** The body decoded as UTF-8, the encoding RFC 8259 8.1 mandates for JSON between systems. */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isSuccess() {
        return status == 200;
    }
}
