package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The two grants this client uses at the token endpoint, each authenticated by the client's
 * {@link ClientAuthentication} and, with DPoP, proven by the session's key: the authorization code (OIDC Core
 * 3.1.3.1, RFC 7636 4.5) and the refresh token (OIDC Core 12.1, RFC 6749 6).
 */
final class TokenEndpoint {

    private final ProviderHttp http;
    private final ClientAuthentications authentications;
    private final Clock clock;
    private final DpopNonces dpopNonces = new DpopNonces();

    TokenEndpoint(ProviderHttp http, ClientAuthentications authentications, Clock clock) {
        this.http = http;
        this.authentications = authentications;
        this.clock = clock;
    }

    TokenResponse exchange(ProviderMetadata metadata, String code, URI redirectUri, String codeVerifier,
            DpopKey dpopKey) throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        // RFC 6749 4.1.3: redirect_uri must repeat the one of the authorization request
        form.put("redirect_uri", redirectUri.toString());
        // RFC 7636 4.5: the verifier proves we are the party that started the flow
        form.put("code_verifier", codeVerifier);
        return post(metadata, form, TokenResponseParser.Grant.AUTHORIZATION_CODE, dpopKey);
    }

    TokenResponse refresh(ProviderMetadata metadata, String refreshToken, DpopKey dpopKey)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Map<String, String> form = new LinkedHashMap<>();
        // OIDC Core 12.1 / RFC 6749 6: no scope parameter, so the scope stays the one originally granted
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return post(metadata, form, TokenResponseParser.Grant.REFRESH_TOKEN, dpopKey);
    }

    private TokenResponse post(ProviderMetadata metadata, Map<String, String> form, TokenResponseParser.Grant grant,
            DpopKey dpopKey) throws ProviderUnavailableException, ProviderRejectedException {
        ClientAuthentication authentication = authentications.forProvider(metadata);
        URI endpoint = authentication.endpoint(metadata, "token_endpoint", metadata.tokenEndpoint());
        HttpAnswer answer = send(authentication, metadata, endpoint, form, dpopKey);
        if (dpopKey != null && dpopNonces.remember(endpoint, answer) && DpopNonces.tokenEndpointAsksForNonce(answer)) {
            // RFC 9449 8: the server wants a nonce in the proof; one retry with it (a fresh proof and client
            // authentication, whose jti values must not repeat), never more, so a server cannot make us loop
            answer = send(authentication, metadata, endpoint, form, dpopKey);
            dpopNonces.remember(endpoint, answer);
        }
        return TokenResponseParser.parse(answer, clock.instant(), grant, dpopKey != null);
    }

    private HttpAnswer send(ClientAuthentication authentication, ProviderMetadata metadata, URI endpoint,
            Map<String, String> grantForm, DpopKey dpopKey) throws ProviderUnavailableException {
        Map<String, String> form = new LinkedHashMap<>(grantForm);
        Map<String, String> headers = new LinkedHashMap<>();
        authentication.authenticate(endpoint, metadata.issuer(), form, headers);
        if (dpopKey != null) {
            // RFC 9449 5: the proof of possession that binds the tokens issued to this key
            headers.put("DPoP", dpopKey.proof("POST", endpoint, null, dpopNonces.latest(endpoint), clock.instant()));
        }
        return http.postForm(endpoint, "token endpoint", FormEncoding.form(form), headers);
    }
}
