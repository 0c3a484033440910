package io.github.passage4j.oidc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Revokes a sign-in's tokens at the provider's {@code revocation_endpoint} (RFC 7009) when the user signs out, so
 * that a copy of a refresh token (or access token) left behind cannot outlive the session. The client authenticates
 * exactly as at the token endpoint ({@link ClientAuthentications}, mutual TLS at the {@code revocation_endpoint}
 * alias, RFC 8705 5). Tokens bound to a DPoP key are revoked with a proof of that key: RFC 9449 defines none for
 * revocation, but a provider that enforces the binding on every endpoint asks for one (Keycloak's FAPI 2.0 DPoP
 * profile answers {@code invalid_dpop_proof} without it, as {@code KeycloakFapiSignInIT} found), and for any other a
 * proof of the session's own key is harmless.
 *
 * <p>Best effort by design: the local sign-out has happened already, so every failure (network, timeout, a status
 * other than 200) is only reported, never thrown, and each call is bounded by the connection's timeouts; after a
 * timeout or network failure the second token is not sent, so a logout waits for at most one timeout.
 */
final class TokenRevocation {

    private final ProviderHttp http;
    private final ClientAuthentications authentications;
    private final java.time.Clock clock;

    TokenRevocation(ProviderHttp http, ClientAuthentications authentications, java.time.Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.authentications = Objects.requireNonNull(authentications, "authentications");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * RFC 7009 2.1: the refresh token first (revoking it may revoke the access tokens issued with it, 2.1 last
     * paragraph), then the access token, each with its {@code token_type_hint}.
     *
     * @param metadata the provider's configuration; nothing happens without a {@code revocation_endpoint}
     * @param refreshTokenOrNull the sign-in's refresh token, or null
     * @param accessTokenOrNull the sign-in's access token, or null
     * @param dpopKeyOrNull the key the tokens are bound to, or null for bearer tokens
     * @return what became of each token
     */
    RevocationOutcome revoke(ProviderMetadata metadata, String refreshTokenOrNull, String accessTokenOrNull,
            DpopKey dpopKeyOrNull) {
        URI advertised = metadata.revocationEndpoint();
        if (advertised == null) {
            return RevocationOutcome.NOT_OFFERED;
        }
        ClientAuthentication authentication;
        try {
            authentication = authentications.forProvider(metadata);
        } catch (ProviderRejectedException noMethod) {
            return new RevocationOutcome(true, false, "not revoked: " + noMethod.getMessage());
        }
        URI endpoint = authentication.endpoint(metadata, "revocation_endpoint", advertised);
        StringBuilder problems = new StringBuilder();
        Sent refresh = refreshTokenOrNull == null ? Sent.REVOKED
                : revokeOne(authentication, metadata, endpoint, refreshTokenOrNull, "refresh_token", dpopKeyOrNull,
                        problems);
        if (refresh == Sent.UNAVAILABLE) {
            // a provider that did not answer in time for the first will not for the second: one timeout, not two,
            // is the most a logout waits
            if (accessTokenOrNull != null) {
                problems.append("; the access_token was not sent");
            }
            return new RevocationOutcome(true, false, problems.toString());
        }
        Sent access = accessTokenOrNull == null ? Sent.REVOKED
                : revokeOne(authentication, metadata, endpoint, accessTokenOrNull, "access_token", dpopKeyOrNull,
                        problems);
        return new RevocationOutcome(true, refresh == Sent.REVOKED && access == Sent.REVOKED, problems.toString());
    }

    /** What became of one revocation request. */
    private enum Sent {
        REVOKED, REFUSED, UNAVAILABLE
    }

    private Sent revokeOne(ClientAuthentication authentication, ProviderMetadata metadata, URI endpoint,
            String token, String typeHint, DpopKey dpopKeyOrNull, StringBuilder problems) {
        Map<String, String> form = new LinkedHashMap<>();
        // RFC 7009 2.1: token REQUIRED, token_type_hint OPTIONAL but saves the provider a search
        form.put("token", token);
        form.put("token_type_hint", typeHint);
        Map<String, String> headers = new LinkedHashMap<>();
        authentication.authenticate(endpoint, metadata.issuer(), form, headers);
        if (dpopKeyOrNull != null) {
            // a proof for the request itself (htm, htu), no ath: the token travels in the form, not as a credential
            headers.put("DPoP", dpopKeyOrNull.proof("POST", endpoint, null, null, clock.instant()));
        }
        try {
            HttpAnswer answer = http.postForm(endpoint, "revocation endpoint", FormEncoding.form(form), headers);
            // RFC 7009 2.2: 200 whether or not the token was valid; 2.2.1: 503 asks to retry later, which a logout
            // that has already happened does not do
            if (answer.status() == 200) {
                return Sent.REVOKED;
            }
            problems.append(problems.isEmpty() ? "" : "; ").append("RFC 7009 2.2: the ").append(typeHint)
                    .append(" was not revoked, the revocation endpoint answered HTTP ").append(answer.status());
            return Sent.REFUSED;
        } catch (ProviderUnavailableException unavailable) {
            // the message names the endpoint and the failure, never the form (the token)
            problems.append(problems.isEmpty() ? "" : "; ").append("the ").append(typeHint)
                    .append(" was not revoked: ").append(unavailable.getMessage());
            return Sent.UNAVAILABLE;
        }
    }
}
