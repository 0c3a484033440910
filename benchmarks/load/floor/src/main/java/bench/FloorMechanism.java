package bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Set;

/**
 * Variant (e), the floor: the least a session-based Jakarta Security mechanism can do per request (read the caller's
 * name from the HTTP session, tell the container). What is left between (a) and (e) is the container's own cost of
 * running an HttpAuthenticationMechanism; what is between (e) and (b)/(c) is the mechanism's. {@code ?signin} puts a
 * fixed caller into a new session: no provider, no checks. A benchmark aid only.
 */
@ApplicationScoped
public class FloorMechanism implements HttpAuthenticationMechanism {

    private static final String CALLER = "bench.caller";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object caller = session == null ? null : session.getAttribute(CALLER);
        if (caller == null && request.getParameter("signin") != null) {
            caller = "user-alice";
            request.getSession(true).setAttribute(CALLER, caller);
        }
        if (caller != null) {
            return context.notifyContainerAboutLogin((String) caller, Set.of());
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }
}
