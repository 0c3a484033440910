package io.github.passage4j.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Authenticates clients at the token, PAR and revocation endpoints by the methods {@link Behaviour#tokenEndpointAuthMethods}
 * accepts, by default only Passage's {@code client_secret_basic}: an {@code Authorization: Basic} header holding
 * {@code urlencode(client_id):urlencode(client_secret)} (RFC 6749 2.3.1, which form-encodes both parts before the
 * Basic encoding, so a {@code :} or {@code +} in a secret survives). With more methods accepted:
 * {@code client_secret_post}, and the JWT assertions of {@link ClientAssertionVerifier}. A client with a registered
 * method ({@link RegisteredAuthenticationMethod}) may use only that one.
 */
final class ClientAuthentication {

    private ClientAuthentication() {
    }

    /**
     * @param request a token, PAR or revocation request
     * @param state   the provider
     * @return the authenticated client
     * @throws OAuthError {@code invalid_client} (401) when authentication is missing, malformed, of a method not
     *                    accepted, of several methods at once (RFC 6749 2.3), or wrong
     */
    static RegisteredClient authenticate(Request request, ProviderState state) {
        String authorization = request.header("Authorization");
        String secret = request.formParameter("client_secret");
        String assertion = request.formParameter("client_assertion");
        String assertionType = request.formParameter("client_assertion_type");
        boolean assertionUsed = assertion != null || assertionType != null;
        int methods = (authorization != null ? 1 : 0) + (secret != null ? 1 : 0) + (assertionUsed ? 1 : 0);
        if (methods > 1) {
            // RFC 6749 2.3: the client MUST NOT use more than one authentication method in each request
            throw OAuthError.invalidClient("More than one client authentication method used");
        }
        RegisteredClient client;
        if (assertionUsed) {
            client = state.clientAssertions.authenticate(assertionType, assertion,
                    MutualTlsListener.urlOf(state, request));
        } else if (secret != null) {
            client = secretPost(request, state, secret);
        } else if (authorization != null) {
            client = secretBasic(authorization, state);
        } else if (request.mutualTls()) {
            client = MutualTlsClientAuthentication.authenticate(request, state);
        } else {
            throw OAuthError.invalidClient("Client authentication is required");
        }
        String bodyClientId = request.formParameter("client_id");
        if (bodyClientId != null && !bodyClientId.equals(client.id())) {
            throw OAuthError.invalidClient("client_id does not match the authenticated client");
        }
        return client;
    }

    private static RegisteredClient secretPost(Request request, ProviderState state, String secret) {
        String clientId = request.formParameter("client_id");
        // client_secret_post, for a client a test allowed it for (Behaviour#allowClientSecretPost) or for all
        if (!state.behaviour.clientSecretPostAllowed(clientId)
                && !state.behaviour.acceptsTokenEndpointAuthMethod("client_secret_post")) {
            throw OAuthError.invalidClient("client_secret_post is not accepted here");
        }
        RegisteredAuthenticationMethod.check(state.behaviour, clientId, "client_secret_post");
        RegisteredClient client = state.client(clientId);
        if (client == null || !client.secretMatches(secret)) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
        return client;
    }

    private static RegisteredClient secretBasic(String authorization, ProviderState state) {
        int space = authorization.indexOf(' ');
        if (space < 0 || !"basic".equals(authorization.substring(0, space).toLowerCase(Locale.ROOT))
                || !state.behaviour.acceptsTokenEndpointAuthMethod("client_secret_basic")) {
            throw OAuthError.invalidClient("This Authorization scheme is not accepted for client authentication");
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
        RegisteredAuthenticationMethod.check(state.behaviour, clientId, "client_secret_basic");
        RegisteredClient client = state.client(clientId);
        if (client == null || !client.secretMatches(secret)) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
        return client;
    }
}
