package io.github.passage4j.provider;

import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;

/** Fetches a client's published key set ({@code jwks_uri}), as a provider does that registered the client by URL. */
final class ClientKeySets {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final int MAX_BYTES = 64 * 1024;

    private ClientKeySets() {
    }

    /** @return the public keys served at {@code jwksUri}, or {@code null} when they cannot be read */
    static JWKSet fetch(URI jwksUri) {
        try {
            HttpResponse<java.io.InputStream> response = CLIENT.send(HttpRequest.newBuilder(jwksUri)
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/jwk-set+json, application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                // read at most one byte past the limit: a larger set is refused without being held in memory
                byte[] read = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || read.length > MAX_BYTES) {
                    return null;
                }
                return JWKSet.parse(new String(read, StandardCharsets.UTF_8)).toPublicJWKSet();
            }
        } catch (IOException | ParseException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
