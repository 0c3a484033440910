package io.github.passage4j.testkit;

import static io.github.passage4j.testkit.TestApps.answer;
import static io.github.passage4j.testkit.TestApps.enc;
import static io.github.passage4j.testkit.TestApps.random;
import static io.github.passage4j.testkit.TestApps.sha256;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relying party for the kit's tests that asks for {@code response_mode=form_post}, reached as
 * {@code http://localhost:<port>} so that the provider ({@code 127.0.0.1}) is another site: {@code /protected}
 * starts a sign-in with a Lax cookie and a {@code SameSite=None; Secure} binding cookie (path {@code /callback});
 * {@code /callback} records the {@code Cookie} header of each request it gets and accepts only a POST whose
 * binding cookie names its state, then says which cookies came. {@code /cookies} sets one cookie of each SameSite
 * and {@code /echo} answers the cookies it was sent. No validation beyond what the tests need.
 */
final class FormPostApp implements AutoCloseable {

    private final HttpServer server;
    /** The Cookie header of each request to /callback, in order ("" for none). */
    final List<String> callbackCookies = new CopyOnWriteArrayList<>();
    private final String issuer;
    private final String clientId;

    FormPostApp(PassageSettings settings) throws IOException {
        this.issuer = settings.issuer().toString();
        this.clientId = settings.clientId();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/protected", this::protectedPage);
        server.createContext("/callback", this::callback);
        server.createContext("/cookies", this::cookies);
        server.createContext("/echo", exchange -> answer(exchange, 200, cookieHeader(exchange)));
        server.start();
    }

    URI url(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    private void protectedPage(HttpExchange exchange) throws IOException {
        String state = random();
        exchange.getResponseHeaders().add("Set-Cookie", "lax-state=" + state + "; Path=/; HttpOnly; SameSite=Lax");
        exchange.getResponseHeaders().add("Set-Cookie", "bind=" + state
                + "; Path=/callback; Max-Age=600; HttpOnly; Secure; SameSite=None");
        exchange.getResponseHeaders().add("Location", issuer + "/authorize?response_type=code&response_mode=form_post"
                + "&client_id=" + enc(clientId) + "&redirect_uri=" + enc(url("/callback").toString())
                + "&scope=openid&state=" + state + "&nonce=" + random() + "&code_challenge="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(random()))
                + "&code_challenge_method=S256");
        answer(exchange, 302, "");
    }

    private void callback(HttpExchange exchange) throws IOException {
        String cookies = cookieHeader(exchange);
        callbackCookies.add(cookies);
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 400, "the response came in the URL");
            return;
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        if (form.get("state") == null || !cookies.contains("bind=" + form.get("state"))) {
            answer(exchange, 401, "not bound to this browser");
            return;
        }
        answer(exchange, 200, "bound " + form.get("state") + (form.containsKey("code") ? " with a code" : ""));
    }

    private void cookies(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Set-Cookie", "lax=1; Path=/; SameSite=Lax");
        exchange.getResponseHeaders().add("Set-Cookie", "strict=1; Path=/; SameSite=Strict");
        exchange.getResponseHeaders().add("Set-Cookie", "none=1; Path=/; Secure; SameSite=None");
        exchange.getResponseHeaders().add("Set-Cookie", "default=1; Path=/");
        // a browser drops SameSite=None without Secure
        exchange.getResponseHeaders().add("Set-Cookie", "insecure-none=1; Path=/; SameSite=None");
        answer(exchange, 200, "set");
    }

    private static String cookieHeader(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        return header == null ? "" : header;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
