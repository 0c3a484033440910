package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A complete HTTP answer from the provider: status and the whole (size-capped) body.
 *
 * @param status the HTTP status code
 * @param body the response body; never null
 * @param cacheControl the {@code Cache-Control} header, or null when absent
 */
record HttpAnswer(int status, byte[] body, String cacheControl) {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d{1,9})\"?\\s*(?:,|$)",
            Pattern.CASE_INSENSITIVE);

    HttpAnswer {
        body = body == null ? new byte[0] : body;
    }

    HttpAnswer(int status, byte[] body) {
        this(status, body, null);
    }

    /** The {@code max-age} of {@code Cache-Control} (RFC 9111 5.2.2.1), if the answer has a well-formed one. */
    Optional<Duration> maxAge() {
        if (cacheControl == null) {
            return Optional.empty();
        }
        Matcher matcher = MAX_AGE.matcher(cacheControl);
        return matcher.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(matcher.group(1)))) : Optional.empty();
    }

    /** The body decoded as UTF-8, the encoding RFC 8259 8.1 mandates for JSON between systems. */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isSuccess() {
        return status == 200;
    }
}
