package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides how the parameters of an authorization request reach the provider and builds the browser's redirect: in
 * the query (OIDC Core 3.1.2.1), as a signed request object (RFC 9101), pushed to the provider first (RFC 9126), or
 * signed and pushed. The client's settings turn each on; the provider's metadata can require each
 * ({@code require_pushed_authorization_requests}, {@code require_signed_request_object}).
 */
final class AuthorizationRequestDelivery {

    private final String clientId;
    private final ClientProtocol protocol;
    private final ClientAuthentications authentications;
    private final PushedAuthorizationRequests pushes;
    private final RequestObjects requestObjects;

    /**
     * @param settings the client's settings
     * @param http the provider's HTTP client
     * @param authentications how the client authenticates at the provider's back-channel endpoints
     * @param clock the source of the request objects' times
     */
    AuthorizationRequestDelivery(ClientSettings settings, ProviderHttp http, ClientAuthentications authentications,
            Clock clock) {
        this.clientId = settings.clientId();
        this.protocol = settings.protocol();
        this.authentications = authentications;
        this.pushes = new PushedAuthorizationRequests(http, settings.issuer());
        this.requestObjects = protocol.clientKey() == null ? null
                : new RequestObjects(protocol.clientKey(), settings.clientId(), settings.issuer(), clock);
    }

    /**
     * @param metadata the provider's metadata
     * @param parameters the complete authorization request parameters, {@code client_id} included
     * @return where to send the browser
     * @throws ProviderUnavailableException if the push fails for want of a working provider
     * @throws ProviderRejectedException if the provider refuses the push or the settings and metadata do not fit
     */
    URI redirect(ProviderMetadata metadata, Map<String, String> parameters)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(metadata, "metadata");
        Map<String, String> sent = parameters;
        boolean pushing = protocol.pushedAuthorizationRequests() || metadata.requirePushedAuthorizationRequests();
        if (protocol.signedRequestObjects() || metadata.requireSignedRequestObject()) {
            sent = signed(metadata, parameters, !pushing);
        }
        if (!pushing) {
            return FormEncoding.withQuery(metadata.authorizationEndpoint(), sent);
        }
        URI endpoint = metadata.pushedAuthorizationRequestEndpoint();
        if (endpoint == null) {
            throw new ProviderRejectedException("RFC 9126 5: authorization requests are to be pushed, but the "
                    + "provider's discovery document has no pushed_authorization_request_endpoint");
        }
        ClientAuthentication authentication = authentications.forProvider(metadata);
        // RFC 8705 5: with a client certificate, the provider may want the request at another host
        endpoint = authentication.endpoint(metadata, "pushed_authorization_request_endpoint", endpoint);
        PushedAuthorizationRequests.PushedRequest pushed = pushes.push(authentication, endpoint, metadata.issuer(), sent);
        // RFC 9126 4: the browser carries only client_id and the request_uri
        Map<String, String> reference = new LinkedHashMap<>();
        reference.put("client_id", clientId);
        reference.put("request_uri", pushed.requestUri());
        return FormEncoding.withQuery(metadata.authorizationEndpoint(), reference);
    }

    private Map<String, String> signed(ProviderMetadata metadata, Map<String, String> parameters,
            boolean frontChannel) throws ProviderRejectedException {
        if (requestObjects == null) {
            // the deployment checks the setting against the key; the provider's requirement is only known now
            throw new ProviderRejectedException("RFC 9101 10.5: signed request objects (configured, or required by "
                    + "the provider's require_signed_request_object) need a client key (passage.client-key)");
        }
        requestObjects.checkAlgorithm(metadata);
        // RFC 9101 5: client_id outside the object too, so the provider knows whose key verifies it
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("client_id", clientId);
        // OIDC Core 6.1: in the browser's query, response_type and scope (with openid) also outside the object, for
        // an OpenID provider that reads them before it; equal to the object's, as RFC 9101 5 lets them be
        for (String repeated : new String[] {"response_type", "scope"}) {
            if (frontChannel && parameters.containsKey(repeated)) {
                sent.put(repeated, parameters.get(repeated));
            }
        }
        sent.put("request", requestObjects.sign(parameters, metadata.issuer()));
        return sent;
    }
}
