package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Map;

/**
 * {@code tls_client_auth} and {@code self_signed_tls_client_auth} (RFC 8705 2): the client certificate presented in
 * the TLS handshake authenticates the client, so the request itself carries only {@code client_id} (RFC 8705 2,
 * "the client_id parameter ... is REQUIRED"). The connection with the certificate is the provider's
 * {@link ProviderHttp} for mutual TLS, and the endpoint its {@code mtls_endpoint_aliases} entry.
 */
final class MutualTlsAuthentication implements ClientAuthentication {

    private final ClientAuthenticationMethod method;
    private final String clientId;

    MutualTlsAuthentication(ClientAuthenticationMethod method, String clientId) {
        if (!method.usesCertificate()) {
            throw new IllegalArgumentException(method.wireName() + " is not a mutual TLS method");
        }
        this.method = method;
        this.clientId = clientId;
    }

    @Override
    public ClientAuthenticationMethod method() {
        return method;
    }

    @Override
    public void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers) {
        form.put("client_id", clientId);
    }

    /** RFC 8705 5: a provider may take certificates only at the aliases it names for them. */
    @Override
    public URI endpoint(ProviderMetadata metadata, String name, URI advertised) {
        return metadata.mtlsAlias(name, advertised);
    }
}
