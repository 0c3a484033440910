package io.github.passage4j.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /.well-known/jwks.json}: the public halves of the published signing keys. */
final class JwksEndpoint implements Handler {

    private final ProviderState state;

    JwksEndpoint(ProviderState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        Map<String, Object> document = new LinkedHashMap<>(state.keys.publicJwkSet().toJSONObject(true));
        if (state.behaviour.publishesEcSigningKey()) {
            List<Object> keys = new ArrayList<>((List<?>) document.get("keys"));
            keys.add(state.keys.ec().toPublicJWK().toJSONObject());
            document.put("keys", keys);
        }
        Response response = Response.json(200, state.behaviour.jwksDocument().apply(document));
        String cacheControl = state.behaviour.jwksCacheControl();
        return cacheControl == null ? response : response.header("Cache-Control", cacheControl);
    }
}
