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
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw OAuthError.invalidToken("A bearer access token is required");
        }
        String token = authorization.substring("bearer ".length()).trim();
        Grants.AccessGrant grant = state.grants.accessToken(token, Instant.now());
        if (grant == null) {
            throw OAuthError.invalidToken("The access token is unknown, expired or revoked");
        }
        Map<String, Object> claims = new LinkedHashMap<>(UserClaims.of(grant.user(), grant.scopes()));
        return Response.json(200, state.behaviour.userinfoClaims().apply(claims)).noStore();
    }
}
