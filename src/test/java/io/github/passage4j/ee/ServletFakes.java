package io.github.passage4j.ee;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Servlet requests, responses and sessions for unit tests of the Jakarta glue. Each is a proxy that answers what
 * the glue asks of a request as a servlet container would; a method no fake knows throws
 * {@link UnsupportedOperationException} naming it, so a test never passes on an answer nobody chose. Extend the
 * switch here (one fixture for every glue test) rather than writing another fake.
 */
final class ServletFakes {

    private ServletFakes() {
    }

    /** A request to build: {@code https://app.example/app/} plus the path, GET, no headers, no session. */
    static Request request(String pathWithinApp) {
        return new Request(pathWithinApp);
    }

    /** A mutable request description, turned into an {@link HttpServletRequest} by {@link #build()}. */
    static final class Request {
        String method = "GET";
        String scheme = "https";
        String host = "app.example";
        int port = 443;
        String contextPath = "/app";
        final String pathWithinApp;
        String query;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final Map<String, String[]> parameters = new LinkedHashMap<>();
        final Map<String, String> cookies = new LinkedHashMap<>();
        /** Cookies sent after {@link #cookies}, names repeated: what a browser sends when a sibling site tossed one. */
        final List<Cookie> moreCookies = new ArrayList<>();
        final Map<String, Object> attributes = new HashMap<>();
        Session session;
        /** The raw body; a form's values are in {@link #parameters}, as a container parses them. */
        byte[] body = new byte[0];
        final SessionCookieConfig sessionCookieConfig = sessionCookieConfig();

        private Request(String pathWithinApp) {
            this.pathWithinApp = pathWithinApp;
        }

        /**
         * The path the container mapped the request by: servlet path plus path info, decoded and normalised. By
         * default the path within the app, as a container maps a request that has nothing to decode.
         */
        String mappedPath;

        Request mappedPath(String value) {
            mappedPath = value;
            return this;
        }

        Request method(String value) {
            method = value;
            return this;
        }

        Request origin(String scheme, String host, int port) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            return this;
        }

        Request contextPath(String value) {
            contextPath = value;
            return this;
        }

        Request query(String value) {
            query = value;
            return this;
        }

        Request header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
            return this;
        }

        Request parameter(String name, String... values) {
            parameters.put(name, values);
            return this;
        }

        Request cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        /** One more cookie, after the others, even of a name already sent (a cookie tossed by a sibling site). */
        Request anotherCookie(String name, String value) {
            moreCookies.add(new Cookie(name, value));
            return this;
        }

        Request cookies(Map<String, String> jar) {
            cookies.putAll(jar);
            return this;
        }

        Request session(Session value) {
            session = value;
            return this;
        }

        Request body(String value) {
            body = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        String requestUri() {
            return contextPath + pathWithinApp;
        }

        String requestUrl() {
            boolean defaultPort = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + requestUri();
        }

        HttpServletRequest build() {
            ServletContext context = proxy(ServletContext.class, (proxy, method, args) -> switch (method.getName()) {
                case "getSessionCookieConfig" -> sessionCookieConfig;
                case "getContextPath" -> contextPath;
                default -> throw unsupported(method.getName());
            });
            InvocationHandler handler = (proxy, m, args) -> switch (m.getName()) {
                case "getMethod" -> method;
                case "getScheme" -> scheme;
                case "getServerName" -> host;
                case "getServerPort" -> port;
                case "isSecure" -> "https".equals(scheme);
                case "getContextPath" -> contextPath;
                case "getRequestURI" -> requestUri();
                case "getServletPath" -> mappedPath == null ? pathWithinApp : mappedPath;
                case "getPathInfo" -> null;
                case "getRequestURL" -> new StringBuffer(requestUrl());
                case "getQueryString" -> query;
                case "getHeader" -> Optional.ofNullable(headers.get(((String) args[0]).toLowerCase(Locale.ROOT)))
                        .map(values -> values.get(0)).orElse(null);
                case "getHeaders" -> Collections.enumeration(
                        headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                case "getParameter" -> Optional.ofNullable(parameters.get((String) args[0]))
                        .map(values -> values[0]).orElse(null);
                case "getParameterValues" -> parameters.get((String) args[0]);
                case "getParameterMap" -> Collections.unmodifiableMap(parameters);
                case "getCookies" -> cookies.isEmpty() && moreCookies.isEmpty() ? null : java.util.stream.Stream.concat(
                        cookies.entrySet().stream().map(each -> new Cookie(each.getKey(), each.getValue())),
                        moreCookies.stream()).toArray(Cookie[]::new);
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getSession" -> {
                    boolean create = args == null || (Boolean) args[0];
                    if ((session == null || session.invalidated) && create) {
                        session = new Session();
                    }
                    yield session == null || session.invalidated ? null : session.build();
                }
                case "changeSessionId" -> {
                    if (session == null || session.invalidated) {
                        throw new IllegalStateException("no session");
                    }
                    session.id = UUID.randomUUID().toString();
                    yield session.id;
                }
                case "getServletContext" -> context;
                case "getContentType" -> Optional.ofNullable(headers.get("content-type")).map(values -> values.get(0))
                        .orElse(null);
                case "getContentLengthLong" -> (long) body.length;
                case "getContentLength" -> body.length;
                case "getInputStream" -> inputStream(body);
                case "toString" -> method + " " + requestUrl();
                default -> throw unsupported(m.getName());
            };
            return proxy(HttpServletRequest.class, handler);
        }
    }

    /** An HTTP session kept across fake requests; {@link #invalidated} once {@code invalidate()} was called. */
    static final class Session {
        volatile String id = UUID.randomUUID().toString();
        /** Synchronized: concurrent requests of one session (a test of a race) share it. */
        final Map<String, Object> attributes = Collections.synchronizedMap(new HashMap<>());
        volatile boolean invalidated;
        int maxInactiveInterval = 1800;

        HttpSession build() {
            return proxy(HttpSession.class, (proxy, method, args) -> {
                if (invalidated && !method.getName().equals("getId")) {
                    throw new IllegalStateException("the session was invalidated");
                }
                return switch (method.getName()) {
                    case "getId" -> id;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getAttributeNames" -> {
                        synchronized (attributes) {
                            yield Collections.enumeration(new ArrayList<>(attributes.keySet()));
                        }
                    }
                    case "invalidate" -> {
                        invalidated = true;
                        yield null;
                    }
                    case "getMaxInactiveInterval" -> maxInactiveInterval;
                    case "setMaxInactiveInterval" -> {
                        maxInactiveInterval = (Integer) args[0];
                        yield null;
                    }
                    case "isNew" -> false;
                    default -> throw unsupported(method.getName());
                };
            });
        }
    }

    /** A response that records what the glue answers: status, headers (in order), body, redirect. */
    static final class Response {
        int status = 200;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final StringWriter body = new StringWriter();
        /** What was written to the output stream (the writer's text is in {@link #body}). */
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String redirect;
        boolean committed;

        /** The values of a header, in the order they were set; empty when none. */
        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        HttpServletResponse build() {
            PrintWriter writer = new PrintWriter(body, true);
            return proxy(HttpServletResponse.class, (proxy, method, args) -> switch (method.getName()) {
                case "setStatus" -> {
                    status = (Integer) args[0];
                    yield null;
                }
                case "getStatus" -> status;
                case "sendError" -> {
                    status = (Integer) args[0];
                    committed = true;
                    yield null;
                }
                case "sendRedirect" -> {
                    // as a container does it: 302 with the Location header
                    status = 302;
                    redirect = (String) args[0];
                    headers.put("location", new ArrayList<>(List.of(redirect)));
                    committed = true;
                    yield null;
                }
                case "setHeader" -> {
                    List<String> values = new ArrayList<>();
                    values.add((String) args[1]);
                    headers.put(((String) args[0]).toLowerCase(Locale.ROOT), values);
                    yield null;
                }
                case "addHeader" -> {
                    headers.computeIfAbsent(((String) args[0]).toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                            .add((String) args[1]);
                    yield null;
                }
                case "getHeader" -> header((String) args[0]);
                case "getHeaders" -> new ArrayList<>(headers((String) args[0]));
                case "containsHeader" -> headers.containsKey(((String) args[0]).toLowerCase(Locale.ROOT));
                case "setContentType" -> {
                    headers.put("content-type", new ArrayList<>(List.of((String) args[0])));
                    yield null;
                }
                case "getContentType" -> header("Content-Type");
                case "setCharacterEncoding", "setContentLength", "setLocale" -> null;
                case "getWriter" -> writer;
                case "getOutputStream" -> outputStream(bytes);
                case "resetBuffer" -> {
                    if (committed) {
                        throw new IllegalStateException("committed");
                    }
                    body.getBuffer().setLength(0);
                    bytes.reset();
                    yield null;
                }
                case "isCommitted" -> committed;
                case "toString" -> "response " + status;
                default -> throw unsupported(method.getName());
            });
        }
    }

    private static SessionCookieConfig sessionCookieConfig() {
        Map<String, String> attributes = new HashMap<>();
        boolean[] flags = new boolean[2]; // httpOnly, secure
        return proxy(SessionCookieConfig.class, (proxy, method, args) -> switch (method.getName()) {
            case "getName" -> attributes.get("Name");
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], (String) args[1]);
            case "getAttributes" -> Collections.unmodifiableMap(attributes);
            case "setHttpOnly" -> {
                flags[0] = (Boolean) args[0];
                yield null;
            }
            case "isHttpOnly" -> flags[0];
            case "setSecure" -> {
                flags[1] = (Boolean) args[0];
                yield null;
            }
            case "isSecure" -> flags[1];
            default -> throw unsupported(method.getName());
        });
    }

    private static ServletInputStream inputStream(byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw unsupported("setReadListener");
            }
        };
    }

    private static ServletOutputStream outputStream(ByteArrayOutputStream out) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw unsupported("setWriteListener");
            }
        };
    }

    private static UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException(method + " is not faked yet: add it to ServletFakes");
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[]{type}, handler);
    }
}
