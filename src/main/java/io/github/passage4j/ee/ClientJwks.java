package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.ClientKey;
import io.github.passage4j.oidc.DecryptionKey;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage "client key set": the public half of the client key ({@code private_key_jwt}, request objects) as a JWK Set
 * (RFC 7517 5) at {@value PassageAuthenticationDefinition#JWKS_PATH} (plus {@code /<name>} for a named definition),
 * so a provider can register the client's {@code jwks_uri} and follow a key rotation by itself (OIDC Registration 2).
 * Only a definition with a client key or a decryption key answers there (the decryption key with {@code use: enc},
 * OIDC Core 10.2); the private parts never leave {@link ClientKey} and {@link DecryptionKey}.
 */
final class ClientJwks {

    private static final System.Logger LOG = System.getLogger(ClientJwks.class.getName());
    /** Long enough to spare the app, short enough that a provider sees a new key within minutes. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final String path;
    private final byte[] keySet;

    ClientJwks(PassageSettings settings) {
        this.path = PassageAuthenticationDefinition.JWKS_PATH + (settings.name().isEmpty() ? "" : "/" + settings.name());
        ClientKey key = settings.client().protocol().clientKey();
        DecryptionKey decryptionKey = settings.client().protocol().tokenProtection().decryptionKey();
        List<JWK> published = new ArrayList<>();
        if (key != null) {
            published.add(key.publicJwk());
        }
        if (decryptionKey != null) {
            // OIDC Core 10.2: the provider encrypts ID tokens and userinfo to this one (use: enc, its own kid)
            published.add(decryptionKey.publicJwk());
        }
        // publicJwk() holds the public parameters only; toString(true) drops anything private once more
        this.keySet = published.isEmpty() ? null
                : new JWKSet(published).toString(true).getBytes(StandardCharsets.UTF_8);
    }

    boolean isKeySetRequest(HttpServletRequest request) {
        return keySet != null && AppUrls.pathWithinApp(request).equals(path);
    }

    AuthenticationStatus serve(HttpServletRequest request, HttpServletResponse response) {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            return Responses.empty(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/jwk-set+json");
            response.setHeader("Cache-Control", CACHE_CONTROL);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(keySet.length);
            OutputStream out = response.getOutputStream();
            if (!head) {
                out.write(keySet);
            }
            // closing completes the response, so the container adds nothing of its own
            out.close();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the client key set", failure);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
