package io.github.passage4j.it.smoke;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The smallest custom Jakarta Security mechanism: a request with header {@value #HEADER} is the caller
 * of that name, in group {@code user}; without it a protected resource answers 401.
 */
@ApplicationScoped
public class SmokeAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-Smoke-User";
    /** Request attribute holding the principal object handed to the container. */
    public static final String PRINCIPAL_ATTRIBUTE = SmokePrincipal.class.getName();

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String name = request.getHeader(HEADER);
        if (name != null && !name.isBlank()) {
            SmokePrincipal principal = new SmokePrincipal(name);
            request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
            return context.notifyContainerAboutLogin(principal, Set.of("user"));
        }
        return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
    }
}
