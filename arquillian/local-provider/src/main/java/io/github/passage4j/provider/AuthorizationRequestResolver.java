package io.github.passage4j.provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Finds the parameters of an authorization request at {@code /authorize}: those of a pushed request named by
 * {@code request_uri} (RFC 9126 4), those of a signed request object sent as {@code request} (RFC 9101 5), or the
 * query and form themselves. A refusal is an error page: the redirect URI of a request that cannot be resolved is
 * not known to be the client's.
 */
final class AuthorizationRequestResolver {

    /**
     * Either the request to go on with or the page to answer.
     *
     * @param request the request whose parameters are the authorization request's, or {@code null}
     * @param refusal the error page, or {@code null}
     */
    record Resolved(Request request, Response refusal) {
    }

    private final ProviderState state;
    private final RequestObjectVerifier requestObjects;

    AuthorizationRequestResolver(ProviderState state) {
        this.state = state;
        this.requestObjects = new RequestObjectVerifier(state);
    }

    Resolved resolve(Request request) {
        String requestUri = request.parameter("request_uri");
        String requestObject = request.parameter("request");
        if (requestUri != null) {
            if (requestObject != null) {
                return refused("invalid_request", "RFC 9101 5: request and request_uri must not both be given.");
            }
            return pushed(request, requestUri);
        }
        if (state.behaviour.requiresPushedAuthorizationRequests()) {
            return refused("invalid_request", "RFC 9126 5: this provider accepts only pushed authorization requests "
                    + "(request_uri from the pushed authorization request endpoint).");
        }
        if (requestObject == null) {
            if (state.behaviour.requiresSignedRequestObject()) {
                return refused("invalid_request", "RFC 9101 10.5: this provider requires a signed request object.");
            }
            return new Resolved(request, null);
        }
        RegisteredClient client = state.client(request.parameter("client_id"));
        if (client == null) {
            return refused("invalid_request", "RFC 9101 5: the request object's client_id names no client.");
        }
        try {
            return new Resolved(with(request, requestObjects.verify(requestObject, client)), null);
        } catch (RequestObjectVerifier.InvalidRequestObject e) {
            return refused("invalid_request_object", e.getMessage());
        }
    }

    private Resolved pushed(Request request, String requestUri) {
        if (!requestUri.startsWith(PushedRequests.REQUEST_URI_PREFIX)) {
            // request_uri_parameter_supported is false: no request object is ever fetched from a URL
            return refused("invalid_request_uri", "RFC 9126 4: only request URIs issued by the pushed authorization "
                    + "request endpoint are accepted.");
        }
        // taken before any check: one use, right or wrong
        PushedRequests.Pushed pushed = state.pushedRequests.take(requestUri);
        if (pushed == null) {
            return refused("invalid_request_uri", "RFC 9126 4: the request_uri is unknown or was already used.");
        }
        if (!Instant.now().isBefore(pushed.expiresAt())) {
            return refused("invalid_request_uri", "RFC 9126 4: the request_uri has expired.");
        }
        if (!pushed.clientId().equals(request.parameter("client_id"))) {
            return refused("invalid_request_uri", "RFC 9126 4: client_id is not the client that pushed the request.");
        }
        // RFC 9126 4: only the pushed parameters count; anything else in the query is ignored
        return new Resolved(with(request, pushed.parameters()), null);
    }

    private static Request with(Request request, Map<String, List<String>> parameters) {
        return new Request(request.method(), request.path(), parameters, Map.of(), request.headers());
    }

    private static Resolved refused(String error, String message) {
        return new Resolved(null, Response.html(400, Html.errorPage("Invalid request (" + error + ")", message)));
    }
}
