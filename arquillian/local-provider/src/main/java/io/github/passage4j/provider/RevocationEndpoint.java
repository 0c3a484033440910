package io.github.passage4j.provider;

/**
 * {@code POST /revoke} (RFC 7009): forgets an access or refresh token of the authenticated client. Answers
 * {@code 200} for any token, known or not, so a client learns nothing about tokens from it.
 */
final class RevocationEndpoint implements Handler {

    private final ProviderState state;

    RevocationEndpoint(ProviderState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        RegisteredClient client = ClientAuthentication.authenticate(request, state);
        String token = request.formParameter("token");
        if (token == null || token.isEmpty()) {
            throw OAuthError.invalidRequest("token is required");
        }
        // A client may revoke only its own tokens; another client's token is silently left alone.
        if (client.id().equals(state.grants.clientOf(token))) {
            state.grants.revoke(token);
        }
        return Response.raw(200, null, "").noStore();
    }
}
