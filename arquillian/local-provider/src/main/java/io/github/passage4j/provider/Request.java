package io.github.passage4j.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request, read completely before an endpoint sees it, so endpoints are plain functions of their input.
 *
 * @param method  the HTTP method, upper case
 * @param path    the decoded request path
 * @param query   query parameters
 * @param form    form body parameters (empty unless the body is {@code application/x-www-form-urlencoded})
 * @param headers headers by lower-case name
 * @param mutualTls whether it came over the mutual TLS listener ({@link MutualTlsListener})
 * @param clientCertificate the client certificate of its TLS connection, or {@code null} for none
 */
record Request(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form,
               Map<String, List<String>> headers, boolean mutualTls,
               java.security.cert.X509Certificate clientCertificate) {

    /** A request over plain HTTP, without certificate. */
    Request(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form,
            Map<String, List<String>> headers) {
        this(method, path, query, form, headers, false, null);
    }

    /** @return query and form parameters together, query values first */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        query.forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        form.forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        return all;
    }

    /**
     * @param name a parameter name
     * @return its first value among query and form parameters, or {@code null}
     */
    String parameter(String name) {
        List<String> values = parameters().getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a form parameter name
     * @return its first value in the body, or {@code null}
     */
    String formParameter(String name) {
        List<String> values = form.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    /** @return the name of a parameter given more than once (OAuth forbids it), or {@code null} */
    String repeatedParameter() {
        for (Map.Entry<String, List<String>> entry : parameters().entrySet()) {
            if (entry.getValue().size() > 1) {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * @param name a header name, any case
     * @return its first value, or {@code null}
     */
    String header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), Collections.emptyList());
        return values.isEmpty() ? null : values.get(0);
    }
}
