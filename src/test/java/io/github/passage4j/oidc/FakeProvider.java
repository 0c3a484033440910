package io.github.passage4j.oidc;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID provider on 127.0.0.1 whose answers each test shapes. Public (its issuer, hit counts and close) for the
 * glue's unit tests, which count what the provider was asked.
 */
public final class FakeProvider implements AutoCloseable {

    /** Writes the answer to one exchange. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** A request the token endpoint received. */
    public record Recorded(String method, Headers headers, String body) {
    }

    public final String issuer;
    public final Map<String, Object> discoveryDocument = new LinkedHashMap<>();
    public final List<Recorded> tokenRequests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-provider");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile List<JWK> keys = List.of();
    private volatile List<Object> extraJwksMembers = List.of();
    private volatile String jwksCacheControl;

    public FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        discoveryDocument.put("issuer", issuer);
        discoveryDocument.put("authorization_endpoint", issuer + "/authorize");
        discoveryDocument.put("token_endpoint", issuer + "/token");
        discoveryDocument.put("jwks_uri", issuer + "/jwks");
        discoveryDocument.put("end_session_endpoint", issuer + "/logout");
        discoveryDocument.put("id_token_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"));
        responders.put("/.well-known/openid-configuration",
                exchange -> send(exchange, 200, JSONObjectUtils.toJSONString(discoveryDocument)));
        responders.put("/jwks", exchange -> {
            String cacheControl = jwksCacheControl;
            if (cacheControl != null) {
                exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            }
            send(exchange, 200, jwksJson());
        });
        responders.put("/token", exchange -> send(exchange, 500, "{}"));
        server.createContext("/", this::dispatch);
        server.start();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if ("/token".equals(path)) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
        }
        Responder responder = responders.get(path);
        try {
            if (responder == null) {
                send(exchange, 404, "{}");
            } else {
                responder.respond(exchange);
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * Makes this provider offer PAR (RFC 9126): discovery names {@code /par}, which accepts every pushed request
     * with {@code request_uri} {@code urn:ietf:params:oauth:request_uri:r1}.
     *
     * @return the bodies of the pushed requests, in order
     */
    public List<String> acceptPushedRequests() {
        List<String> bodies = new CopyOnWriteArrayList<>();
        discoveryDocument.put("pushed_authorization_request_endpoint", issuer + "/par");
        on("/par", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(exchange, 201, "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:r1\",\"expires_in\":60}");
        });
        return bodies;
    }

    public void on(String path, Responder responder) {
        responders.put(path, responder);
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public void publish(JWK... published) {
        List<JWK> publicKeys = new ArrayList<>();
        for (JWK key : published) {
            publicKeys.add(key.toPublicJWK());
        }
        keys = List.copyOf(publicKeys);
    }

    /** Serves the published keys at another path too, e.g. where Passage publishes an app's keys. */
    void serveJwksAt(String path) {
        responders.put(path, exchange -> send(exchange, 200, jwksJson()));
    }

    /** Adds raw JSON members to the keys array, e.g. keys Nimbus cannot parse. */
    void publishRaw(List<Object> members) {
        extraJwksMembers = List.copyOf(members);
    }

    private String jwksJson() {
        List<Object> members = new ArrayList<>(extraJwksMembers);
        for (JWK key : keys) {
            members.add(key.toJSONObject());
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("keys", members);
        return JSONObjectUtils.toJSONString(set);
    }

    /** The {@code Cache-Control} header of the key set at {@code /jwks}, or null for none. */
    void jwksCacheControl(String value) {
        jwksCacheControl = value;
    }

    /** A responder that sends headers announcing a body, a few bytes, and then nothing until closed. */
    Responder stallingBody() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"access".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * A responder for the key set that counts down {@code started} when asked, then holds the answer until
     * {@code release} opens (at most 30 s), then sends the keys published by then.
     */
    Responder heldJwks(CountDownLatch started, CountDownLatch release) {
        return exchange -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, jwksJson());
        };
    }

    /** A responder that sends nothing at all until closed. */
    public Responder silent() {
        return exchange -> {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public static Responder json(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
