package io.github.passage4j.provider;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the provider received it, kept so that tests can check what a client sent.
 *
 * @param received   when it arrived
 * @param method     the HTTP method
 * @param path       the request path
 * @param parameters query and form parameters together (query first), by name
 * @param headers    request headers, by lower-case name
 * @param clientCertificateSubject the subject DN (RFC 4514, as {@link javax.security.auth.x500.X500Principal#getName()}
 *                   gives it) of the client certificate it came with over the mutual TLS listener, or {@code null}
 *                   for none
 */
public record RecordedRequest(Instant received, String method, String path, Map<String, List<String>> parameters,
                              Map<String, List<String>> headers, String clientCertificateSubject) {

    /**
     * A request without client certificate.
     *
     * @param received   when it arrived
     * @param method     the HTTP method
     * @param path       the request path
     * @param parameters query and form parameters together (query first), by name
     * @param headers    request headers, by lower-case name
     */
    public RecordedRequest(Instant received, String method, String path, Map<String, List<String>> parameters,
                           Map<String, List<String>> headers) {
        this(received, method, path, parameters, headers, null);
    }

    /**
     * Copies the maps so a record never changes after it is made.
     *
     * @param received   when it arrived
     * @param method     the HTTP method
     * @param path       the request path
     * @param parameters query and form parameters together (query first), by name
     * @param headers    request headers, by lower-case name
     * @param clientCertificateSubject the client certificate's subject DN, or {@code null}
     */
    public RecordedRequest {
        parameters = Map.copyOf(parameters);
        headers = Map.copyOf(headers);
    }

    /**
     * @param name a parameter name
     * @return its first value, or {@code null}
     */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a header name, in any case
     * @return its first value, or {@code null}
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
