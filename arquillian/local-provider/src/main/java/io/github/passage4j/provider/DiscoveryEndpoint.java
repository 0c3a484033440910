package io.github.passage4j.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /.well-known/openid-configuration}: the provider metadata, as Passage publishes it. */
final class DiscoveryEndpoint implements Handler {

    /** Every claim the provider may issue in ID tokens or UserInfo. */
    static final List<String> CLAIMS = List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
            "client_id", "sid", "email", "email_verified", "phone_number", "phone_number_verified");

    private final ProviderState state;

    DiscoveryEndpoint(ProviderState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        return Response.json(200, state.behaviour.discoveryDocument().apply(document()));
    }

    /** @return the metadata as a fresh mutable map, for the discovery hook to change */
    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", state.issuer);
        doc.put("authorization_endpoint", state.url(Endpoint.AUTHORIZE));
        doc.put("token_endpoint", state.url(Endpoint.TOKEN));
        doc.put("userinfo_endpoint", state.url(Endpoint.USERINFO));
        doc.put("jwks_uri", state.url(Endpoint.JWKS));
        doc.put("revocation_endpoint", state.url(Endpoint.REVOKE));
        doc.put("end_session_endpoint", state.url(Endpoint.LOGOUT));
        doc.put("response_types_supported", List.of("code"));
        doc.put("response_modes_supported", List.of("query", "form_post"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("acr_values_supported", AuthenticationContexts.SUPPORTED);
        doc.put("id_token_signing_alg_values_supported",
                state.behaviour.publishesEcSigningKey() ? List.of("RS256", "ES256") : List.of("RS256"));
        List<String> authMethods = state.behaviour.tokenEndpointAuthMethods();
        doc.put("token_endpoint_auth_methods_supported", authMethods);
        doc.put("revocation_endpoint_auth_methods_supported", authMethods);
        if (authMethods.contains("client_secret_jwt") || authMethods.contains("private_key_jwt")) {
            doc.put("token_endpoint_auth_signing_alg_values_supported", ClientAssertionVerifier.ALGORITHMS);
        }
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("scopes_supported", Scopes.SUPPORTED);
        doc.put("claims_supported", CLAIMS);
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("authorization_response_iss_parameter_supported", true);
        doc.put("dpop_signing_alg_values_supported", DpopBindings.ALGORITHMS);
        // OIDC Discovery 3: signed userinfo and encrypted ID tokens and userinfo (ProtectedResponses)
        ProtectedResponses.announce(doc);
        // Back-Channel Logout 1.0 section 2.1: logout tokens can be minted with LocalPassageProvider#logoutToken
        doc.put("backchannel_logout_supported", true);
        doc.put("backchannel_logout_session_supported", true);
        doc.put("claims_parameter_supported", false);
        // RFC 9101 10.5: request objects by value; request_uri only as issued by the PAR endpoint (RFC 9126 5)
        doc.put("request_parameter_supported", true);
        doc.put("request_uri_parameter_supported", false);
        doc.put("request_object_signing_alg_values_supported", RequestObjectVerifier.ALGORITHMS);
        doc.put("pushed_authorization_request_endpoint", state.url(Endpoint.PAR));
        doc.put("require_pushed_authorization_requests", state.behaviour.requiresPushedAuthorizationRequests());
        doc.put("require_signed_request_object", state.behaviour.requiresSignedRequestObject());
        MutualTlsListener.announce(state, doc);
        return doc;
    }
}
