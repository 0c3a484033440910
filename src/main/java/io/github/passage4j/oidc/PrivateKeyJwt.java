package io.github.passage4j.oidc;

import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;

import java.net.URI;
import java.util.Map;

/**
 * {@code private_key_jwt} (OIDC Core 9, RFC 7523 2.2): an assertion signed with the client's private key, whose
 * public half the provider has registered (by value or from the app's {@code jwks} path). No secret crosses the
 * wire, so this is FAPI 2.0's method alongside mutual TLS.
 */
final class PrivateKeyJwt implements ClientAuthentication {

    private final ClientKey key;
    private final ClientAssertions assertions;

    PrivateKeyJwt(ClientKey key, ClientAssertions assertions) {
        this.key = key;
        this.assertions = assertions;
    }

    @Override
    public ClientAuthenticationMethod method() {
        return ClientAuthenticationMethod.PRIVATE_KEY_JWT;
    }

    @Override
    public void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers) {
        assertions.add(endpoint, issuer, key.algorithm(), key.keyId(), key.signer(), PrivateKeyJWT::new, form);
    }
}
