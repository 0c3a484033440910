package io.github.passage4j.provider;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Reads and writes {@code application/x-www-form-urlencoded} text, as used by query strings and form bodies. */
final class FormCodec {

    private FormCodec() {
    }

    /**
     * @param raw encoded text, e.g. {@code a=1&b=x%20y}; {@code null} or empty gives an empty map
     * @return the values by name, in order of appearance
     * @throws IllegalArgumentException when a percent escape is malformed
     */
    static Map<String, List<String>> decode(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeComponent(pair.substring(eq + 1));
            result.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return result;
    }

    /**
     * @param component one encoded name or value ({@code +} is a space)
     * @return the decoded text
     * @throws IllegalArgumentException when a percent escape is malformed
     */
    static String decodeComponent(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    /**
     * @param value text
     * @return the text encoded as a form component ({@code ' '} becomes {@code +})
     */
    static String encodeComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * @param parameters values by name; {@code null} values are left out
     * @return the encoded text, e.g. {@code a=1&b=x+y}
     */
    static String encode(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null) {
                joined.add(encodeComponent(name) + "=" + encodeComponent(value));
            }
        });
        return joined.toString();
    }

    /**
     * Adds parameters to a URI's query, keeping any query it has (a redirect URI may carry one).
     *
     * @param base       an absolute URI without fragment
     * @param parameters values by name; {@code null} values are left out
     * @return the URI with the parameters appended
     */
    static String appendQuery(String base, Map<String, String> parameters) {
        String encoded = encode(parameters);
        if (encoded.isEmpty()) {
            return base;
        }
        int query = base.indexOf('?');
        String separator = query < 0 ? "?" : query == base.length() - 1 || base.endsWith("&") ? "" : "&";
        return base + separator + encoded;
    }
}
