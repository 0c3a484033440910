package io.github.passage4j.it.smoke;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Protected resource; reports, as {@code key=value} lines, what the server made of the login. */
@WebServlet("/protected")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class SmokeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext securityContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        Principal principal = request.getUserPrincipal();
        Object given = request.getAttribute(SmokeAuthenticationMechanism.PRINCIPAL_ATTRIBUTE);
        out.println("name=" + (principal == null ? null : principal.getName()));
        out.println("principalClass=" + (principal == null ? null : principal.getClass().getName()));
        out.println("inRole=" + request.isUserInRole("user"));
        out.println("sameObject=" + (principal != null && principal == given));
        Principal caller = securityContext.getCallerPrincipal();
        out.println("securityContext.callerPrincipalClass=" + (caller == null ? null : caller.getClass().getName()));
        out.println("securityContext.callerSameObject=" + (caller != null && caller == given));
        out.println("securityContext.isCallerInRole=" + securityContext.isCallerInRole("user"));
        Set<SmokePrincipal> byType = securityContext.getPrincipalsByType(SmokePrincipal.class);
        out.println("securityContext.principalsByType.count=" + byType.size());
        out.println("securityContext.principalsByType.sameObject=" + byType.stream().anyMatch(p -> p == given));
        out.println("securityContext.principalsByType.names="
                + byType.stream().map(Principal::getName).collect(Collectors.joining(",")));
    }
}
