package io.github.passage4j.ee;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The answers the mechanism writes itself: redirects and short error pages. Error pages name what went wrong in
 * words of our own; they never echo a parameter, an exception message, a token or a stack trace.
 */
final class Responses {

    private static final System.Logger LOG = System.getLogger(Responses.class.getName());

    private Responses() {
    }

    /** Marks a response that carries sign-in state or tokens as never to be cached. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    static AuthenticationStatus redirect(HttpServletResponse response, String location) {
        noStore(response);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** 401 for a request that cannot be sent to a login page (an API call): the client must authenticate. */
    static AuthenticationStatus unauthorizedApi(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"passage\"");
        return page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Sign-in required",
                "This resource needs a signed-in user.");
    }

    static AuthenticationStatus signInFailed(HttpServletRequest request, HttpServletResponse response,
                                             String explanation) {
        return page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Sign-in failed", explanation);
    }

    static AuthenticationStatus badRequest(HttpServletRequest request, HttpServletResponse response,
                                           String explanation) {
        return page(request, response, HttpServletResponse.SC_BAD_REQUEST, "Bad request", explanation);
    }

    static AuthenticationStatus providerUnavailable(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Retry-After", "5");
        return page(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Sign-in is unavailable",
                "The sign-in service cannot be reached right now. Please try again in a moment.");
    }

    /**
     * Writes a complete page and commits it, so that the container sends it as it is rather than an error page of
     * its own; then tells the container the request is finished.
     */
    private static AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
                                             int status, String title, String text) {
        try {
            response.resetBuffer();
            noStore(response);
            response.setStatus(status);
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "default-src 'none'");
            PrintWriter out = response.getWriter();
            out.print("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                    + "</title></head><body><h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text)
                    + "</p><p><a href=\"" + Html.escape(AppUrls.rootPath(request)) + "\">Back to the start page</a></p>"
                    + "</body></html>");
            out.flush();
            response.flushBuffer();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the " + status + " page", failure);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
