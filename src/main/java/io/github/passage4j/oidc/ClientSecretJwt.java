package io.github.passage4j.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code client_secret_jwt} (OIDC Core 9, RFC 7523 2.2): an HS256 assertion keyed with the client secret, so the
 * secret itself never crosses the wire.
 */
final class ClientSecretJwt implements ClientAuthentication {

    /** RFC 7518 3.2: an HS256 key must be at least as long as the hash, 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private final MACSigner signer;
    private final ClientAssertions assertions;

    /**
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes (RFC 7518 3.2)
     */
    ClientSecretJwt(String clientSecret, ClientAssertions assertions) {
        try {
            this.signer = new MACSigner(clientSecret.getBytes(StandardCharsets.UTF_8));
        } catch (KeyLengthException e) {
            throw new IllegalArgumentException("client_secret_jwt needs a client secret of at least "
                    + MIN_SECRET_BYTES + " bytes (RFC 7518 3.2)");
        }
        this.assertions = assertions;
    }

    @Override
    public ClientAuthenticationMethod method() {
        return ClientAuthenticationMethod.CLIENT_SECRET_JWT;
    }

    @Override
    public void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers) {
        assertions.add(endpoint, issuer, JWSAlgorithm.HS256, null, signer, ClientSecretJWT::new, form);
    }
}
