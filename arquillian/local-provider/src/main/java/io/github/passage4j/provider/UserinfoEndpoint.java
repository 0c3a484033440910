package io.github.passage4j.provider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code GET|POST /userinfo}: the signed-in user's claims, by the access token's scopes. */
final class UserinfoEndpoint implements Handler {

    private final ProviderState state;

    UserinfoEndpoint(ProviderState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("dpop ")) {
            return dpop(request, authorization.substring("dpop ".length()).trim());
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw OAuthError.invalidToken("A bearer access token is required");
        }
        String token = authorization.substring("bearer ".length()).trim();
        // RFC 9449 7.2: a DPoP-bound token is not accepted as a bearer token
        if (state.dpop.boundKey(token) != null) {
            throw OAuthError.invalidToken("RFC 9449 7.2: a DPoP-bound access token was presented as a bearer token");
        }
        Grants.AccessGrant grant = state.grants.accessToken(token, Instant.now());
        if (grant == null) {
            throw OAuthError.invalidToken("The access token is unknown, expired or revoked");
        }
        state.certificateBindings.check(token, request);
        Map<String, Object> claims = new LinkedHashMap<>(UserClaims.of(grant.user(), grant.scopes()));
        // OIDC Core 5.3.2: JSON, or signed and/or encrypted when the behaviour says so
        return state.protectedResponses.userinfo(grant.clientId(), state.behaviour.userinfoClaims().apply(claims));
    }

    /** RFC 9449 7.1: {@code Authorization: DPoP} with a proof of the key the token is bound to ({@code cnf.jkt}). */
    private Response dpop(Request request, String token) {
        String proofKey = state.dpop.check(request, MutualTlsListener.urlOf(state, request), token, state.behaviour,
                true);
        Grants.AccessGrant grant = state.grants.accessToken(token, Instant.now());
        if (grant == null) {
            throw OAuthError.invalidToken("The access token is unknown, expired or revoked");
        }
        String boundKey = state.dpop.boundKey(token);
        if (boundKey == null) {
            throw OAuthError.invalidToken("RFC 9449 7.1: the token presented under the DPoP scheme is not DPoP-bound");
        }
        if (!boundKey.equals(proofKey)) {
            throw DpopBindings.invalidProof("RFC 9449 4.3 step 12: the access token is bound to another key", true);
        }
        Map<String, Object> claims = new LinkedHashMap<>(UserClaims.of(grant.user(), grant.scopes()));
        return state.protectedResponses.userinfo(grant.clientId(), state.behaviour.userinfoClaims().apply(claims));
    }
}
