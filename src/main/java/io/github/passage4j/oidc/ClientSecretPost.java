package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Map;

/** {@code client_secret_post}: the client id and secret as form parameters (RFC 6749 2.3.1). */
final class ClientSecretPost implements ClientAuthentication {

    private final String clientId;
    private final String clientSecret;

    ClientSecretPost(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public ClientAuthenticationMethod method() {
        return ClientAuthenticationMethod.CLIENT_SECRET_POST;
    }

    @Override
    public void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers) {
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
    }

    @Override
    public String toString() {
        return "ClientSecretPost[clientId=" + clientId + "]";
    }
}
