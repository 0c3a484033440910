package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Map;

/** {@code client_secret_basic}: the client id and secret in an HTTP Basic Authorization header (RFC 6749 2.3.1). */
final class ClientSecretBasic implements ClientAuthentication {

    private final String authorization;

    ClientSecretBasic(String clientId, String clientSecret) {
        this.authorization = FormEncoding.basicAuthorization(clientId, clientSecret);
    }

    @Override
    public ClientAuthenticationMethod method() {
        return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
    }

    @Override
    public void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers) {
        headers.put("Authorization", authorization);
    }
}
