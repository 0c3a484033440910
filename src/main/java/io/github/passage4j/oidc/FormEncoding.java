package io.github.passage4j.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code application/x-www-form-urlencoded} encodings OAuth uses: request bodies, query
 * parameters added to provider endpoints, and the client_secret_basic credentials.
 */
final class FormEncoding {

    private FormEncoding() {
    }

    /** Encodes name/value pairs, in map order, as a form body (RFC 6749 Appendix B). */
    static String form(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    /**
     * Adds parameters to the query of an endpoint, keeping a query it already has (OAuth 2.0
     * endpoints may carry one, RFC 6749 3.1 and 3.2). Spaces become {@code %20}, which every
     * parser reads as a space, rather than {@code +}, which some treat literally in a query.
     */
    static URI withQuery(URI endpoint, Map<String, String> parameters) {
        String base = endpoint.toString();
        String added = form(parameters).replace("+", "%20");
        String separator;
        if (endpoint.getRawQuery() == null) {
            separator = "?";
        } else if (endpoint.getRawQuery().isEmpty() || base.endsWith("&")) {
            separator = "";
        } else {
            separator = "&";
        }
        return URI.create(base + separator + added);
    }

    /**
     * The Authorization header value for client_secret_basic: id and secret are each
     * form-urlencoded before they are joined with ':' and base64-encoded (RFC 6749 2.3.1), so that
     * a ':' in the id or secret cannot shift the split.
     */
    static String basicAuthorization(String clientId, String clientSecret) {
        String credentials = encode(clientId) + ":" + encode(clientSecret);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.US_ASCII));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
