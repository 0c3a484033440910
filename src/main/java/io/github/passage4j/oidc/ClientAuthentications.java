package io.github.passage4j.oidc;

import static io.github.passage4j.oidc.ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
import static io.github.passage4j.oidc.ClientAuthenticationMethod.CLIENT_SECRET_JWT;
import static io.github.passage4j.oidc.ClientAuthenticationMethod.CLIENT_SECRET_POST;
import static io.github.passage4j.oidc.ClientAuthenticationMethod.PRIVATE_KEY_JWT;
import static io.github.passage4j.oidc.ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH;
import static io.github.passage4j.oidc.ClientAuthenticationMethod.TLS_CLIENT_AUTH;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The one place where the client's authentication method is chosen: the configured one, or else the first of the
 * provider's {@code token_endpoint_auth_methods_supported} that the configured credentials allow, in the order of
 * {@link #PREFERENCE}. The choice is remembered for the metadata it was made from.
 */
final class ClientAuthentications {

    /**
     * The methods without a shared secret first; among the secret ones Passage's {@code client_secret_basic} first,
     * because RFC 6749 2.3.1 makes it the one every provider must support and it is what an app configured with a
     * secret has always sent. {@code client_secret_jwt}, which keeps the secret off the wire, is the choice of an
     * app that configures it.
     */
    static final List<ClientAuthenticationMethod> PREFERENCE = List.of(PRIVATE_KEY_JWT, TLS_CLIENT_AUTH,
            SELF_SIGNED_TLS_CLIENT_AUTH, CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, CLIENT_SECRET_JWT);

    private record Choice(ProviderMetadata metadata, ClientAuthentication authentication) {
    }

    private final ClientSettings settings;
    private final Clock clock;
    private volatile Choice last;

    ClientAuthentications(ClientSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param metadata the provider's current configuration
     * @return how to authenticate at the provider's endpoints
     * @throws ProviderRejectedException when no method fits both the provider and the credentials
     */
    ClientAuthentication forProvider(ProviderMetadata metadata) throws ProviderRejectedException {
        Choice remembered = last;
        if (remembered != null && remembered.metadata() == metadata) {
            return remembered.authentication();
        }
        ClientAuthentication chosen = create(choose(metadata));
        last = new Choice(metadata, chosen);
        return chosen;
    }

    private ClientAuthenticationMethod choose(ProviderMetadata metadata) throws ProviderRejectedException {
        ClientAuthenticationMethod configured = settings.protocol().authenticationMethod();
        if (configured != null) {
            if (!usable(configured)) {
                throw new ProviderRejectedException(configured.wireName() + " is configured, but its credentials "
                        + "are not (passage.token-endpoint-auth-method)");
            }
            checkAssertionAlgorithm(configured, metadata);
            return configured;
        }
        // RFC 8414 2: a provider that omits the list supports client_secret_basic only
        List<String> supported = metadata.tokenEndpointAuthMethodsSupported().isEmpty()
                ? List.of(CLIENT_SECRET_BASIC.wireName()) : metadata.tokenEndpointAuthMethodsSupported();
        for (ClientAuthenticationMethod method : PREFERENCE) {
            if (supported.contains(method.wireName()) && usable(method) && assertionAlgorithmAccepted(method,
                    metadata)) {
                return method;
            }
        }
        throw new ProviderRejectedException("RFC 8414 2: none of the provider's token_endpoint_auth_methods_supported ("
                + SafeText.of(String.join(", ", supported)) + ") can be used with the configured credentials "
                + "(passage.client-secret, passage.client-key, passage.client-key-store)");
    }

    /** Whether the credentials the method needs are configured. */
    private boolean usable(ClientAuthenticationMethod method) {
        ClientProtocol protocol = settings.protocol();
        return switch (method) {
            case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> settings.clientSecret() != null;
            case CLIENT_SECRET_JWT -> settings.clientSecret() != null
                    && settings.clientSecret().getBytes(StandardCharsets.UTF_8).length
                    >= ClientSecretJwt.MIN_SECRET_BYTES;
            case PRIVATE_KEY_JWT -> protocol.clientKey() != null;
            case TLS_CLIENT_AUTH, SELF_SIGNED_TLS_CLIENT_AUTH -> protocol.clientCertificate() != null;
        };
    }

    private boolean assertionAlgorithmAccepted(ClientAuthenticationMethod method, ProviderMetadata metadata) {
        List<String> accepted = metadata.tokenEndpointAuthSigningAlgValuesSupported();
        String algorithm = assertionAlgorithm(method);
        return algorithm == null || accepted.isEmpty() || accepted.contains(algorithm);
    }

    private void checkAssertionAlgorithm(ClientAuthenticationMethod method, ProviderMetadata metadata)
            throws ProviderRejectedException {
        if (!assertionAlgorithmAccepted(method, metadata)) {
            throw new ProviderRejectedException("RFC 8414 2: the provider's token_endpoint_auth_signing_alg_values_"
                    + "supported does not list " + assertionAlgorithm(method) + " (passage.token-endpoint-auth-"
                    + "signing-alg)");
        }
    }

    private String assertionAlgorithm(ClientAuthenticationMethod method) {
        return switch (method) {
            case PRIVATE_KEY_JWT -> settings.protocol().clientKey().algorithm().getName();
            case CLIENT_SECRET_JWT -> "HS256";
            default -> null;
        };
    }

    private ClientAuthentication create(ClientAuthenticationMethod method) {
        ClientProtocol protocol = settings.protocol();
        ClientAssertions assertions = new ClientAssertions(settings.clientId(), protocol.assertionAudience(), clock);
        return switch (method) {
            case CLIENT_SECRET_BASIC -> new ClientSecretBasic(settings.clientId(), settings.clientSecret());
            case CLIENT_SECRET_POST -> new ClientSecretPost(settings.clientId(), settings.clientSecret());
            case CLIENT_SECRET_JWT -> new ClientSecretJwt(settings.clientSecret(), assertions);
            case PRIVATE_KEY_JWT -> new PrivateKeyJwt(protocol.clientKey(), assertions);
            case TLS_CLIENT_AUTH, SELF_SIGNED_TLS_CLIENT_AUTH -> new MutualTlsAuthentication(method,
                    settings.clientId());
        };
    }
}
