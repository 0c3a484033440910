package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Map;

/**
 * One way of authenticating this client in a request to the provider (token, PAR, revocation endpoints): one
 * implementation per {@link ClientAuthenticationMethod}, chosen once per provider.
 */
interface ClientAuthentication {

    /**
     * @return the method this strategy implements
     */
    ClientAuthenticationMethod method();

    /**
     * Adds the client's credentials to a request about to be sent.
     *
     * @param endpoint the endpoint the request goes to
     * @param issuer the provider's issuer identifier, the audience FAPI 2.0 asks client assertions to name
     * @param form the form parameters, to add to
     * @param headers the request headers, to add to
     */
    void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers);

    /**
     * Where to send a request this method authenticates: the endpoint as advertised, except for mutual TLS.
     *
     * @param metadata the provider's configuration
     * @param name the metadata name of the endpoint, e.g. {@code token_endpoint}
     * @param advertised the endpoint as the metadata names it
     * @return the URL to call
     */
    default URI endpoint(ProviderMetadata metadata, String name, URI advertised) {
        return advertised;
    }
}
