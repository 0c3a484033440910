package io.github.passage4j.it.signin;

import io.github.passage4j.PassageProfile;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;
import java.util.Set;

/** {@code /protected} (protected in web.xml): what each API says about the caller, one {@code key=value} a line. */
@WebServlet("/protected")
public class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext securityContext;

    @Inject
    CallerView callerView;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        Principal userPrincipal = request.getUserPrincipal();
        Set<PassageProfile> byType = securityContext.getPrincipalsByType(PassageProfile.class);
        out.println("userPrincipal.name=" + userPrincipal.getName());
        out.println("userPrincipal.isPassageProfile=" + (userPrincipal instanceof PassageProfile));
        out.println("callerPrincipal.name=" + securityContext.getCallerPrincipal().getName());
        out.println("callerPrincipal.equalsUserPrincipal=" + securityContext.getCallerPrincipal().equals(userPrincipal));
        out.println("byType.count=" + byType.size());
        out.println("byType.equalsUserPrincipal=" + byType.stream().allMatch(p -> p.equals(userPrincipal)));
        // the injected profile is a client proxy: equal to the principal, and delegating to that very object
        out.println("injected.equalsUserPrincipal=" + userPrincipal.equals(callerView.profile()));
        out.println("injected.delegatesToUserPrincipal=" + (userPrincipal instanceof PassageProfile profile
                && profile.getClaims() == callerView.profile().getClaims()));
        out.println("request.isUserInRole.admin=" + request.isUserInRole("admin"));
        out.println("context.isCallerInRole.admin=" + securityContext.isCallerInRole("admin"));
        out.println("request.isUserInRole.other=" + request.isUserInRole("other"));
        out.println("context.isCallerInRole.other=" + securityContext.isCallerInRole("other"));
        out.println("query=" + request.getQueryString());
        callerView.describe().forEach((key, value) -> out.println("injected." + key + "=" + value));
    }
}
