package io.github.passage4j.it.support;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The app's root ({@code ""}, the context root): a public page, where logout ends ({@code postLogoutRedirectURI}
 * defaults to the app root). Every test app that lands at its root adds this class.
 *
 * <p>The root must be an actual resource of the app, mapped to {@code ""} (or a welcome file). Left to the container's
 * default servlet (a 404), Payara Micro 7 (Jakarta Authorization 3.0 by Exousia 3.0.0-M3) treats the context root as a
 * constrained resource, even though web.xml constrains only other paths: it checks {@code WebResourcePermission("/")},
 * which in Jakarta Authorization names every URL of the app, where the specification and Payara 6 check {@code ""}.
 * The authentication mechanism then sees {@code isProtected()} and starts a new sign-in instead of a page.
 */
@WebServlet("")
public class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("home signedIn=" + (request.getUserPrincipal() != null));
    }
}
