package io.github.passage4j.provider;

/**
 * The per-client half of client authentication: RFC 7591 2 registers one {@code token_endpoint_auth_method} per
 * client, so a client registered for {@code private_key_jwt} that presents its secret is refused although the
 * provider supports secrets for other clients ({@link Behaviour#clientAuthenticationMethod(String, String)}).
 * Checked after the method used is known and before any secret is compared or signature verified, so a refusal
 * costs a map lookup.
 */
final class RegisteredAuthenticationMethod {

    private RegisteredAuthenticationMethod() {
    }

    /**
     * @param behaviour the provider's switches
     * @param clientId  the client the request claims to be (not yet authenticated)
     * @param methodUsed the method the request used, one of {@link Behaviour#ALL_AUTH_METHODS} or
     *                   {@link Behaviour#MUTUAL_TLS_AUTH_METHODS}
     * @throws OAuthError {@code invalid_client} when the client is registered for another method
     */
    static void check(Behaviour behaviour, String clientId, String methodUsed) {
        String registered = behaviour.clientAuthenticationMethod(clientId);
        if (registered != null && !registered.equals(methodUsed)) {
            // the registered method is no secret of the client's: naming it helps a developer, not an attacker
            throw OAuthError.invalidClient("RFC 7591 2: the client is registered for token_endpoint_auth_method "
                    + registered + ", not " + methodUsed);
        }
    }
}
