package io.github.passage4j.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the redirects back to a client's (already validated) redirect URI. */
final class AuthorizationRedirects {

    private AuthorizationRedirects() {
    }

    /**
     * @return a redirect carrying the code, the state and the issuer (RFC 9207 {@code iss}, against mix-up attacks), as
     *         {@link Behaviour#authorizationResponseIssuer(java.util.function.UnaryOperator)} has it
     */
    static Response code(ProviderState state, String redirectUri, String code, String clientState) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", clientState);
        putIssuer(state, params);
        return Response.redirect(FormCodec.appendQuery(redirectUri, params));
    }

    /** @return a redirect carrying an OAuth error (RFC 6749 4.1.2.1), the state and the issuer */
    static Response error(ProviderState state, String redirectUri, String error, String description, String clientState) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", clientState);
        putIssuer(state, params);
        return Response.redirect(FormCodec.appendQuery(redirectUri, params));
    }

    private static void putIssuer(ProviderState state, Map<String, String> params) {
        String iss = state.behaviour.authorizationResponseIssuer().apply(state.issuer);
        if (iss != null) {
            params.put("iss", iss);
        }
    }
}
