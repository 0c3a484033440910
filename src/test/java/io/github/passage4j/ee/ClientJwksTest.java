package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.passage4j.oidc.ClientAuthenticationMethod;
import io.github.passage4j.oidc.ClientKey;
import io.github.passage4j.oidc.ClientProtocol;
import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.TestSupport;
import jakarta.security.enterprise.AuthenticationStatus;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The app's published key set: the public half of the client key, and nothing at all without one. */
class ClientJwksTest {

    private static PassageSettings settings(String name, ClientKey keyOrNull) {
        ClientProtocol protocol = new ClientProtocol(keyOrNull == null ? null
                : ClientAuthenticationMethod.PRIVATE_KEY_JWT, keyOrNull, null, false, false, false, null);
        ClientSettings client = new ClientSettings(URI.create("https://issuer.example"), "client", "secret",
                List.of("openid"), null, null, null, null, protocol);
        return new PassageSettings(name, client, "/passage/callback", true, "sub", "", "/passage/logout", "/", null,
                Duration.ofSeconds(10), true, null, Set.of("client"), PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE,
                "/passage/backchannel-logout", SessionSettings.DEFAULT);
    }

    @Test
    void theKeySetHoldsThePublicKeyOnlyWithItsKid() throws Exception {
        ClientKey key = TestSupport.ecClientKey();
        ClientJwks jwks = new ClientJwks(settings("", key));
        ServletFakes.Response response = new ServletFakes.Response();
        var request = ServletFakes.request("/passage/jwks").build();

        assertTrue(jwks.isKeySetRequest(request));
        assertEquals(AuthenticationStatus.SEND_CONTINUE, jwks.serve(request, response.build()));

        assertEquals(200, response.status);
        assertEquals("application/jwk-set+json", response.header("Content-Type"));
        String body = response.bytes.toString(StandardCharsets.UTF_8);
        JWK published = JWKSet.parse(body).getKeys().get(0);
        assertEquals(key.keyId(), published.getKeyID());
        assertFalse(published.isPrivate());
        assertFalse(body.contains("\"d\""), body);
        assertEquals(key.publicJwk().computeThumbprint(), published.computeThumbprint());
    }

    @Test
    void aNamedDefinitionPublishesUnderItsName() {
        ClientJwks jwks = new ClientJwks(settings("bank", TestSupport.ecClientKey()));
        assertTrue(jwks.isKeySetRequest(ServletFakes.request("/passage/jwks/bank").build()));
        assertFalse(jwks.isKeySetRequest(ServletFakes.request("/passage/jwks").build()));
    }

    @Test
    void withoutAClientKeyThePathIsNotOurs() {
        assertFalse(new ClientJwks(settings("", null)).isKeySetRequest(ServletFakes.request("/passage/jwks").build()));
    }

    @Test
    void onlyGetAndHeadAreAnswered() {
        ClientJwks jwks = new ClientJwks(settings("", TestSupport.ecClientKey()));
        ServletFakes.Response response = new ServletFakes.Response();
        jwks.serve(ServletFakes.request("/passage/jwks").method("POST").build(), response.build());
        assertEquals(405, response.status);
        assertEquals("GET, HEAD", response.header("Allow"));
    }
}
