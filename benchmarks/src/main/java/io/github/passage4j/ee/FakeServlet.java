package io.github.passage4j.ee;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least of a servlet container the session stores touch: one request bound to one in-memory session, a cookie
 * config without SameSite (so no header rewriting), and a response nobody reads. Dynamic proxies: every other method
 * answers null / false / 0.
 */
final class FakeServlet {

    final Map<String, Object> attributes = new HashMap<>();
    final HttpSession session;
    final HttpServletRequest request;
    final HttpServletResponse response;

    FakeServlet() {
        SessionCookieConfig cookieConfig = proxy(SessionCookieConfig.class, (name, args) -> null);
        ServletContext context = proxy(ServletContext.class,
                (name, args) -> name.equals("getSessionCookieConfig") ? cookieConfig : null);
        session = proxy(HttpSession.class, (name, args) -> switch (name) {
            case "getId" -> "bench-session-0001";
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "removeAttribute" -> attributes.remove((String) args[0]);
            case "getServletContext" -> context;
            default -> null;
        });
        request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getSession" -> session;
            case "getServletContext" -> context;
            case "changeSessionId" -> "bench-session-0001";
            case "getMethod" -> "GET";
            default -> null;
        });
        response = proxy(HttpServletResponse.class,
                (name, args) -> name.equals("getHeaders") ? List.of() : null);
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(FakeServlet.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    switch (method.getName()) {
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        case "toString":
                            return type.getSimpleName() + "(fake)";
                        default:
                            break;
                    }
                    Object value = answer.answer(method.getName(), args);
                    if (value == null && method.getReturnType().isPrimitive()) {
                        Class<?> r = method.getReturnType();
                        if (r == boolean.class) {
                            return false;
                        }
                        if (r == long.class) {
                            return 0L;
                        }
                        if (r == int.class) {
                            return 0;
                        }
                        return null;
                    }
                    return value;
                });
    }
}
