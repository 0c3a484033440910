package io.github.passage4j.oidc;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A complete HTTP answer from the provider: status and the whole (size-capped) body.
 *
 * @param status the HTTP status code
 * @param body the response body; never null
 * @param cacheControl the {@code Cache-Control} header, or null when absent
 * @param headers the response headers, e.g. {@code DPoP-Nonce} and {@code WWW-Authenticate} (RFC 9449 8); empty
 *     when not recorded
 */
record HttpAnswer(int status, byte[] body, String cacheControl, HttpHeaders headers) {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d{1,9})\"?\\s*(?:,|$)",
            Pattern.CASE_INSENSITIVE);

    HttpAnswer {
        body = body == null ? new byte[0] : body;
        headers = headers == null ? NO_HEADERS : headers;
    }

    HttpAnswer(int status, byte[] body, String cacheControl) {
        this(status, body, cacheControl, null);
    }

    HttpAnswer(int status, byte[] body) {
        this(status, body, null, null);
    }

    /** The first value of a response header, by case-insensitive name (RFC 9110 5.1). */
    Optional<String> header(String name) {
        return headers.firstValue(name);
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
