package io.github.passage4j.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /par}: pushed authorization requests (RFC 9126 2). The client authenticates as at the token endpoint
 * and posts the authorization request parameters, or a signed request object as {@code request} (RFC 9101); the
 * provider checks who sent it and where the browser may be sent back, keeps the parameters under a random
 * {@code urn:ietf:params:oauth:request_uri:...} for {@link Behaviour#parRequestUriLifetime()}, and answers
 * {@code 201} with the URI and its {@code expires_in}. The rest of the request is checked when {@code /authorize}
 * resolves the URI, as for a request sent through the browser.
 */
final class ParEndpoint implements Handler {

    /** Client authentication parameters, which are not part of the authorization request. */
    private static final Set<String> AUTHENTICATION_PARAMETERS =
            Set.of("client_secret", "client_assertion", "client_assertion_type");

    private final ProviderState state;
    private final RequestObjectVerifier requestObjects;

    ParEndpoint(ProviderState state) {
        this.state = state;
        this.requestObjects = new RequestObjectVerifier(state);
    }

    @Override
    public Response handle(Request request) {
        RegisteredClient client = ClientAuthentication.authenticate(request, state);
        String repeated = request.repeatedParameter();
        if (repeated != null) {
            throw OAuthError.invalidRequest("The parameter " + repeated + " is given more than once");
        }
        if (!request.query().isEmpty()) {
            throw OAuthError.invalidRequest("RFC 9126 2.1: the parameters go in the form body, not the query");
        }
        if (request.formParameter("request_uri") != null) {
            throw OAuthError.invalidRequest("RFC 9126 2.1: request_uri must not be pushed");
        }
        Map<String, List<String>> parameters = parameters(request, client);
        String clientId = first(parameters, "client_id");
        if (clientId != null && !clientId.equals(client.id())) {
            throw OAuthError.invalidRequest("RFC 9126 2.1: client_id is not the authenticated client's");
        }
        parameters.put("client_id", List.of(client.id()));
        // RFC 9126 2.1: the redirect URI is checked now, so that the client learns of a wrong one directly
        String redirectUri = first(parameters, "redirect_uri");
        if (redirectUri == null || !client.allowsRedirect(redirectUri)) {
            throw OAuthError.invalidRequest("RFC 9126 2.1: redirect_uri is missing or not allowed for the client");
        }
        Duration lifetime = state.behaviour.parRequestUriLifetime();
        String requestUri = state.pushedRequests.add(
                new PushedRequests.Pushed(client.id(), parameters, Instant.now().plus(lifetime)));
        if (requestUri == null) {
            return Response.json(503, Map.of("error", "temporarily_unavailable",
                    "error_description", "Too many pushed requests are pending")).noStore();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("request_uri", requestUri);
        // at least 1: a lifetime of zero is the hostile case of a URI that expires before it is used
        answer.put("expires_in", Math.max(1, lifetime.toSeconds()));
        return Response.json(201, state.behaviour.parResponse().apply(answer)).noStore();
    }

    private Map<String, List<String>> parameters(Request request, RegisteredClient client) {
        String requestObject = request.formParameter("request");
        if (requestObject == null) {
            if (state.behaviour.requiresSignedRequestObject()) {
                throw OAuthError.invalidRequest("RFC 9101 10.5: this provider requires a signed request object");
            }
            Map<String, List<String>> parameters = new LinkedHashMap<>(request.form());
            parameters.keySet().removeAll(AUTHENTICATION_PARAMETERS);
            return parameters;
        }
        try {
            // RFC 9126 3: with a request object, only its claims are the request (client_id may repeat outside)
            return new LinkedHashMap<>(requestObjects.verify(requestObject, client));
        } catch (RequestObjectVerifier.InvalidRequestObject e) {
            throw OAuthError.badRequest("invalid_request_object", e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
