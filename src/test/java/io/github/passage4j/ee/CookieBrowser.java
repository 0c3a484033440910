package io.github.passage4j.ee;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser's cookie jar for unit tests of the cookie stores: it makes requests carrying its cookies and takes the
 * {@code Set-Cookie} headers of responses, as a browser would (a {@code Max-Age=0} deletes). Requests and responses
 * are minimal proxies that answer only what the stores ask.
 */
final class CookieBrowser {

    final Map<String, String> jar = new LinkedHashMap<>();
    /** Every Set-Cookie header seen, in order. */
    final List<String> setCookies = new ArrayList<>();
    /** Whether its requests come over https, as {@code isSecure()} tells; a proxy's plain-http hop when false. */
    boolean secure = true;
    String contextPath = "/app";

    HttpServletRequest request() {
        Map<String, Object> attributes = new HashMap<>();
        Cookie[] cookies = jar.entrySet().stream().map(each -> new Cookie(each.getKey(), each.getValue()))
                .toArray(Cookie[]::new);
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> cookies.length == 0 ? null : cookies;
                    case "getContextPath" -> contextPath;
                    case "isSecure" -> secure;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getSession" -> throw new AssertionError("a stateless store must not use the HTTP session");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A response whose Set-Cookie headers go into this browser's jar. */
    HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addHeader") && "Set-Cookie".equals(args[0])) {
                        take((String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void take(String header) {
        setCookies.add(header);
        String pair = header.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (name.startsWith("__Host-") && !(header.contains("; Secure") && header.contains("; Path=/;")
                && !header.toLowerCase(java.util.Locale.ROOT).contains("domain="))) {
            // RFC 6265bis 4.1.3.2: a browser ignores a __Host- cookie that is not Secure, Path=/ and host-only
            return;
        }
        if (header.contains("; Max-Age=0")) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }
}
