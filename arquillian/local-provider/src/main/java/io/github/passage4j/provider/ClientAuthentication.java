package io.github.passage4j.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Authenticates clients with {@code client_secret_basic}, the only method Passage supports: an
 * {@code Authorization: Basic} header holding {@code urlencode(client_id):urlencode(client_secret)} (RFC 6749 2.3.1,
 * which form-encodes both parts before the Basic encoding, so a {@code :} or {@code +} in a secret survives).
 */
final class ClientAuthentication {

    private ClientAuthentication() {
    }

    /**
     * @param request a token or revocation request
     * @param state   the provider
     * @return the authenticated client
     * @throws OAuthError {@code invalid_client} (401) when authentication is missing, malformed, of another method, or
     *                    wrong
     */
    static RegisteredClient authenticate(Request request, ProviderState state) {
        String authorization = request.header("Authorization");
        if (authorization == null && request.formParameter("client_secret") != null
                && request.formParameter("client_assertion") == null
                && state.behaviour.clientSecretPostAllowed(request.formParameter("client_id"))) {
            // client_secret_post, only for a client a test allowed it for (Behaviour#allowClientSecretPost).
            RegisteredClient client = state.client(request.formParameter("client_id"));
            if (client == null || !client.secretMatches(request.formParameter("client_secret"))) {
                throw OAuthError.invalidClient("Client authentication failed");
            }
            return client;
        }
        if (request.formParameter("client_secret") != null || request.formParameter("client_assertion") != null) {
            throw OAuthError.invalidClient("Only client_secret_basic is supported");
        }
        if (authorization == null) {
            throw OAuthError.invalidClient("Client authentication with HTTP Basic is required");
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !"basic".equals(authorization.substring(0, space).toLowerCase(Locale.ROOT))) {
            throw OAuthError.invalidClient("Only client_secret_basic is supported");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthError.invalidClient("Malformed Basic credentials");
        }
        String clientId;
        String secret;
        try {
            clientId = FormCodec.decodeComponent(decoded.substring(0, colon));
            secret = FormCodec.decodeComponent(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials");
        }
        RegisteredClient client = state.client(clientId);
        if (client == null || !client.secretMatches(secret)) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
        String bodyClientId = request.formParameter("client_id");
        if (bodyClientId != null && !bodyClientId.equals(client.id())) {
            throw OAuthError.invalidClient("client_id does not match the authenticated client");
        }
        return client;
    }
}
