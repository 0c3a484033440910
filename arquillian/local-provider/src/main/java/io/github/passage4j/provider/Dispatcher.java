package io.github.passage4j.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one HTTP handler: reads a request completely, counts and records it, applies any {@link Fault}, routes it to
 * its endpoint and writes the answer. Failures never leak a stack trace to the client; they are logged.
 */
final class Dispatcher implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(LocalPassageProvider.class.getName());
    /** Requests to this provider are small; a bigger body is refused rather than buffered. */
    static final int MAX_BODY = 64 * 1024;

    private final Behaviour behaviour;
    private final RequestLog log;
    private final Map<Endpoint, Route> routes = new EnumMap<>(Endpoint.class);

    private record Route(Set<String> methods, Handler handler) {
    }

    Dispatcher(ProviderState state, RequestLog log) {
        this.behaviour = state.behaviour;
        this.log = log;
        routes.put(Endpoint.DISCOVERY, new Route(Set.of("GET"), new DiscoveryEndpoint(state)));
        routes.put(Endpoint.JWKS, new Route(Set.of("GET"), new JwksEndpoint(state)));
        routes.put(Endpoint.APP_JWKS, new Route(Set.of("GET"), new JwksEndpoint(state)));
        routes.put(Endpoint.AUTHORIZE, new Route(Set.of("GET", "POST"), new AuthorizeEndpoint(state)));
        routes.put(Endpoint.LOGIN, new Route(Set.of("POST"), new LoginEndpoint(state)));
        routes.put(Endpoint.TOKEN, new Route(Set.of("POST"), new TokenEndpoint(state)));
        routes.put(Endpoint.USERINFO, new Route(Set.of("GET", "POST"), new UserinfoEndpoint(state)));
        routes.put(Endpoint.REVOKE, new Route(Set.of("POST"), new RevocationEndpoint(state)));
        routes.put(Endpoint.LOGOUT, new Route(Set.of("GET", "POST"), new LogoutEndpoint(state.behaviour)));
        routes.put(Endpoint.PAR, new Route(Set.of("POST"), new ParEndpoint(state)));
        routes.put(Endpoint.HOSTILE_JWKS, new Route(Set.of("GET"),
                request -> Response.json(200, HostileKeys.attackerJwkSet().toJSONObject(true))));
        routes.put(Endpoint.HOSTILE_X5U, new Route(Set.of("GET"),
                request -> Response.text(404, "No certificate here: a relying party must not follow x5u")));
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Response response = respond(exchange);
            if (response != null) {
                write(exchange, response);
            }
            // null: a fault wants the connection closed unanswered, which closing the exchange without headers does
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away: {0}", e.toString());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "unexpected failure answering " + exchange.getRequestURI(), e);
        } finally {
            exchange.close();
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        Endpoint endpoint = Endpoint.forPath(exchange.getRequestURI().getPath());
        if (endpoint == null) {
            return Response.text(404, "Not found");
        }
        log.count(endpoint);
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Response.text(413, "Request body too large");
        }
        Request request;
        try {
            request = read(exchange, body);
        } catch (IllegalArgumentException e) {
            return Response.text(400, "Malformed request encoding");
        }
        log.record(endpoint, recorded(request));

        Fault fault = behaviour.takeFault(endpoint);
        if (fault != null) {
            LOG.log(System.Logger.Level.DEBUG, "{0} {1}: applying {2}", request.method(), request.path(), fault);
            switch (fault.kind()) {
                case RESPOND:
                    return Response.raw(fault.status(), fault.contentType(), fault.body());
                case HANG:
                    behaviour.hold(fault.duration());
                    return null;
                case DROP_CONNECTION:
                    return null;
                case DELAY:
                    behaviour.hold(fault.duration());
                    break;
                default:
                    throw new IllegalStateException("unknown fault " + fault);
            }
        }

        Route route = routes.get(endpoint);
        if (!route.methods().contains(request.method())) {
            return Response.text(405, "Method not allowed").header("Allow", String.join(", ", route.methods()));
        }
        try {
            return route.handler().handle(request);
        } catch (OAuthError e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "failure answering " + request.method() + " " + request.path(), e);
            return Response.text(500, "Internal server error");
        }
    }

    private static Request read(HttpExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        Map<String, List<String>> form = Map.of();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            form = FormCodec.decode(new String(body, StandardCharsets.UTF_8));
        }
        // the only HTTPS listener is the mutual TLS one (RFC 8705), whose handshake may have carried a certificate
        boolean mutualTls = exchange instanceof com.sun.net.httpserver.HttpsExchange;
        return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getPath(),
                FormCodec.decode(exchange.getRequestURI().getRawQuery()), form, headers, mutualTls,
                mutualTls ? MutualTlsListener.clientCertificate(exchange) : null);
    }

    private static RecordedRequest recorded(Request request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.parameters().forEach((name, values) -> parameters.put(name, List.copyOf(values)));
        return new RecordedRequest(Instant.now(), request.method(), request.path(), parameters, request.headers(),
                request.clientCertificate() == null ? null
                        : request.clientCertificate().getSubjectX500Principal().getName());
    }

    /** @return the body, or {@code null} when it is larger than {@link #MAX_BODY} */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        byte[] body = response.body();
        int status = response.status();
        // 204 and 304 answers have no body by definition (a fault may ask for any status).
        boolean noBody = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
