package io.github.passage4j.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a parsed OpenID Provider configuration document (OIDC Discovery 1.0 section 3) and
 * turns it into {@link ProviderMetadata}.
 */
final class DiscoveryDocument {

    private DiscoveryDocument() {
    }

    static ProviderMetadata parse(Map<String, Object> document, URI configuredIssuer) throws ProviderRejectedException {
        String issuer = requiredString(document, "issuer");
        // OIDC Discovery 4.3: the issuer returned MUST be identical to the one used to build the URL;
        // only a trailing slash difference is tolerated, since configurations often differ by it alone
        String configured = configuredIssuer.toString();
        if (!issuer.equals(configured)
                && !UriRules.withoutTrailingSlash(issuer).equals(UriRules.withoutTrailingSlash(configured))) {
            throw new ProviderRejectedException("OIDC Discovery 4.3: the discovery document's issuer "
                    + SafeText.of(issuer) + " does not match the configured issuer " + configured);
        }
        return new ProviderMetadata(
                endpoint(document, "issuer", true),
                endpoint(document, "authorization_endpoint", true),
                endpoint(document, "token_endpoint", true),
                endpoint(document, "userinfo_endpoint", false),
                endpoint(document, "jwks_uri", true),
                endpoint(document, "end_session_endpoint", false),
                endpoint(document, "revocation_endpoint", false),
                stringList(document, "id_token_signing_alg_values_supported"),
                flag(document, "authorization_response_iss_parameter_supported"),
                stringList(document, "token_endpoint_auth_methods_supported"),
                stringList(document, "token_endpoint_auth_signing_alg_values_supported"),
                endpoint(document, "pushed_authorization_request_endpoint", false),
                flag(document, "require_pushed_authorization_requests"),
                stringList(document, "dpop_signing_alg_values_supported"),
                mtlsEndpointAliases(document),
                stringList(document, "request_object_signing_alg_values_supported"),
                flag(document, "require_signed_request_object"),
                stringList(document, "response_modes_supported"));
    }

    /** RFC 8705 5: a JSON object of endpoint names to endpoints, each held to the same rules as the endpoint. */
    private static Map<String, URI> mtlsEndpointAliases(Map<String, Object> document)
            throws ProviderRejectedException {
        Object value = document.get("mtls_endpoint_aliases");
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> aliases)) {
            throw new ProviderRejectedException("RFC 8705 5: mtls_endpoint_aliases is not a JSON object");
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (Map.Entry<?, ?> alias : aliases.entrySet()) {
            named.put(String.valueOf(alias.getKey()), alias.getValue());
        }
        Map<String, URI> endpoints = new LinkedHashMap<>();
        for (String name : named.keySet()) {
            endpoints.put(name, endpoint(named, name, true));
        }
        return endpoints;
    }

    private static URI endpoint(Map<String, Object> document, String name, boolean required)
            throws ProviderRejectedException {
        Object value = document.get(name);
        if (value == null && !required) {
            return null;
        }
        String text = requiredString(document, name);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ProviderRejectedException("OIDC Discovery 3: " + name + " is not a valid URI");
        }
        // the same transport rule as for the configured issuer: tokens and credentials travel to these
        String problem = UriRules.problemWith(uri);
        if (problem != null) {
            throw new ProviderRejectedException("OIDC Discovery 3: " + name + " " + problem);
        }
        return uri;
    }

    private static String requiredString(Map<String, Object> document, String name) throws ProviderRejectedException {
        Object value = document.get(name);
        if (value == null) {
            throw new ProviderRejectedException("OIDC Discovery 3: the discovery document has no " + name);
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new ProviderRejectedException("OIDC Discovery 3: " + name + " in the discovery document is not a non-empty string");
        }
        return text;
    }

    private static List<String> stringList(Map<String, Object> document, String name) throws ProviderRejectedException {
        Object value = document.get(name);
        if (value == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String text)) {
                    strings = null;
                    break;
                }
                strings.add(text);
            }
            if (strings != null) {
                return List.copyOf(strings);
            }
        }
        throw new ProviderRejectedException("OIDC Discovery 3: " + name + " is not an array of strings");
    }

    private static boolean flag(Map<String, Object> document, String name) throws ProviderRejectedException {
        Object value = document.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new ProviderRejectedException("RFC 8414 2: " + name + " is not a boolean");
    }
}
