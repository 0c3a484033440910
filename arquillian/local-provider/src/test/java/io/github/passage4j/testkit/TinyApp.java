package io.github.passage4j.testkit;

import static io.github.passage4j.testkit.TestApps.answer;
import static io.github.passage4j.testkit.TestApps.enc;
import static io.github.passage4j.testkit.TestApps.random;
import static io.github.passage4j.testkit.TestApps.sha256;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest relying party for the kit's own tests, on the JDK's HttpServer: {@code /protected} sends an anonymous
 * browser to the provider (code flow with PKCE), {@code /callback} redeems the code and starts a cookie session, and a
 * signed-in {@code /protected} says {@code Hello <sub> <email>}. No validation beyond what the test needs: this is not
 * how to write a relying party, Passage4J is.
 */
final class TinyApp implements AutoCloseable {

    private final PassageSettings settings;
    private final HttpServer server;
    private final Map<String, String> verifiers = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    TinyApp(PassageSettings settings) throws IOException {
        this.settings = settings;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/protected", this::page);
        server.createContext("/callback", this::callback);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void page(HttpExchange exchange) throws IOException {
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        String session = cookie == null ? null : sessions.get(cookie.replaceFirst(".*app-session=([^;]*).*", "$1"));
        if (session != null) {
            answer(exchange, 200, "Hello " + session);
            return;
        }
        String state = random();
        String verifier = random() + random();
        verifiers.put(state, verifier);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        exchange.getResponseHeaders().add("Location", settings.issuer() + "/authorize?response_type=code&client_id="
                + enc(settings.clientId()) + "&redirect_uri=" + enc(url("/callback").toString())
                + "&scope=openid%20email&state=" + state + "&nonce=" + random() + "&code_challenge=" + challenge
                + "&code_challenge_method=S256");
        answer(exchange, 302, "");
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        String verifier = verifiers.remove(query.get("state"));
        if (verifier == null || query.get("code") == null) {
            answer(exchange, 400, "bad callback");
            return;
        }
        try {
            String basic = Base64.getEncoder().encodeToString((enc(settings.clientId()) + ":"
                    + enc(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(settings.issuer() + "/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                            + enc(query.get("code")) + "&redirect_uri=" + enc(url("/callback").toString())
                            + "&code_verifier=" + verifier))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String idToken = tokens.body().replaceFirst("(?s).*\"id_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            Map<String, Object> claims = SignedJWT.parse(idToken).getJWTClaimsSet().getClaims();
            String session = UUID.randomUUID().toString();
            sessions.put(session, claims.get("sub") + " " + claims.get("email"));
            exchange.getResponseHeaders().add("Set-Cookie", "app-session=" + session + "; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Location", url("/protected").toString());
            answer(exchange, 302, "");
        } catch (Exception failure) {
            answer(exchange, 500, failure.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
