package io.github.passage4j.it.fapi;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The default definition under the FAPI 2.0 profile (its client key comes from the deployment's configuration, its
 * ID tokens are ES256), and the definition {@code second}, at the second local provider, authenticating with
 * {@code client_secret_jwt}, and the definition {@code post}, also at the second provider as a client of its own,
 * authenticating with {@code client_secret_post}; the definitions {@code mtls} and {@code selfsigned}, at the
 * provider with a mutual TLS listener, authenticating by a CA-issued and by a self-signed client certificate
 * ({@code tls_client_auth}, {@code self_signed_tls_client_auth}; the keystores come from the configuration).
 */
@ApplicationScoped
@PassageAuthenticationDefinition(securityProfile = "fapi-2.0", idTokenSigningAlg = "ES256", logoutPath = "/logout")
@PassageAuthenticationDefinition(name = "second", tokenEndpointAuthMethod = "client_secret_jwt",
        logoutPath = "/logout")
@PassageAuthenticationDefinition(name = "post", tokenEndpointAuthMethod = "client_secret_post",
        logoutPath = "/logout")
@PassageAuthenticationDefinition(name = "mtls", tokenEndpointAuthMethod = "tls_client_auth", logoutPath = "/logout")
@PassageAuthenticationDefinition(name = "selfsigned", tokenEndpointAuthMethod = "self_signed_tls_client_auth",
        logoutPath = "/logout")
public class FapiDefinition {
}
