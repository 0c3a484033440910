package io.github.passage4j.ee;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The answers the mechanism writes itself: redirects and short error pages. Error pages name what went wrong in
 * words of our own; they never echo a parameter, an exception message, a token or a stack trace.
 */
final class Responses {

    private static final System.Logger LOG = System.getLogger(Responses.class.getName());

    /** The most of a request body read before an error page; more is left to the container. */
    static final int DRAIN_LIMIT = 65_536;

    private Responses() {
    }

    /**
     * Reads what is left of a (small) request body, so that the exchange counts as complete once the response is
     * closed. A larger body is not read: an anonymous client must not hold the thread with it.
     *
     * @return whether the body was read to its end
     */
    private static boolean drainRequestBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > DRAIN_LIMIT) {
            return false;
        }
        var body = request.getInputStream();
        byte[] buffer = new byte[4096];
        int total = 0;
        int read;
        while ((read = body.read(buffer)) != -1) {
            total += read;
            if (total > DRAIN_LIMIT) {
                return false;
            }
        }
        return true;
    }

    /** Marks a response that carries sign-in state or tokens as never to be cached. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    static AuthenticationStatus redirect(HttpServletResponse response, String location) {
        noStore(response);
        // sendRedirect, not a 302 status and a Location header set by hand: Open Liberty takes the redirect of a
        // SEND_CONTINUE from sendRedirect alone (with only the header it answers 500, "Location cannot be null")
        try {
            response.sendRedirect(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
     * 503 while another request refreshes the session's expired tokens: no cookie is changed, so the browser keeps
     * its session, and its retry carries the refreshed one.
     */
    static AuthenticationStatus refreshInProgress(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Retry-After", "1");
        return page(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Sign-in is being renewed",
                "Your sign-in is being renewed right now. Please try again in a moment.");
    }

    /**
     * 502 for a sign-in that succeeded but whose session does not fit in the stateless cookies: what the provider sent
     * cannot be kept (the app's configuration or the provider's claims are at fault, not the user), and a redirect
     * would only start the sign-in over, in a loop. Not 500: Open Liberty turns a 500 from an authentication
     * mechanism into an exception whose log line holds the request URL, with the callback's code and state.
     */
    static AuthenticationStatus sessionTooLarge(HttpServletRequest request, HttpServletResponse response) {
        return page(request, response, HttpServletResponse.SC_BAD_GATEWAY, "Sign-in could not be kept",
                "You signed in, but the sign-in service sent more about you than this app can keep in its session "
                        + "cookies. This is a problem of the app's configuration, not of your account: please tell "
                        + "the app's administrators.");
    }

    /**
     * 200: a page asking whether to sign out, for a logout request that may come from another site. Its button posts
     * the form back to the logout path from this app's own page, with {@code fields} (a proof that the page was
     * this app's). Framing is forbidden, so another site cannot overlay the button.
     */
    static AuthenticationStatus logoutConfirmation(HttpServletRequest request, HttpServletResponse response,
                                                   String action, java.util.Map<String, String> fields) {
        StringBuilder inputs = new StringBuilder();
        fields.forEach((name, value) -> inputs.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
                .append("\" value=\"").append(Html.escape(value)).append("\">"));
        try {
            if (!drainRequestBody(request)) {
                // no honest logout posts that much; the container answers, as for the pages below
                noStore(response);
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return AuthenticationStatus.SEND_CONTINUE;
            }
            response.resetBuffer();
            noStore(response);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Content-Security-Policy",
                    "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
            PrintWriter out = response.getWriter();
            out.print("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign out?</title>"
                    + "</head><body><h1>Sign out?</h1><form id=\"" + LOGOUT_CONFIRMATION_FORM + "\" method=\"post\" "
                    + "action=\"" + Html.escape(action) + "\">" + inputs + "<p>Do you want to sign out of this app?</p>"
                    + "<button type=\"submit\">Sign out</button></form><p><a href=\""
                    + Html.escape(AppUrls.rootPath(request)) + "\">Stay signed in</a></p></body></html>");
            out.close();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the logout confirmation", failure);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** The id of the logout confirmation's form, by which a client (the test kit's browser) recognises the page. */
    static final String LOGOUT_CONFIRMATION_FORM = "passage-logout-confirmation";

    /**
     * Writes a complete page and closes the response, so that the container sends it as it is rather than an error
     * page of its own (Undertow, for one, otherwise tries to send its error page over ours and logs an error). The
     * status returned is {@code SEND_CONTINUE}: the mechanism has answered the request itself.
     */
    static AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
                                             int status, String title, String text) {
        try {
            if (!drainRequestBody(request)) {
                // Undertow (WildFly) sends its own error page for a 4xx/5xx answer whose exchange is not complete, and
                // one whose request body is unread never is: over a page of ours, already sent, that fails and logs
                // "UT010019: Response already commited" with a stack trace, once per such request. So the container
                // writes this one page, with our status and headers.
                noStore(response);
                response.sendError(status);
                return AuthenticationStatus.SEND_CONTINUE;
            }
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
            // closing completes the response: a server that sends error pages itself sees it is finished
            out.close();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the " + status + " page", failure);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /**
     * 401 for a bearer token that is not valid (RFC 6750 3.1 {@code invalid_token}): the client must get another
     * token; being an API client, it is never redirected to sign in.
     */
    static AuthenticationStatus invalidBearerToken(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"passage\", error=\"invalid_token\"");
        return page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Invalid token",
                "The access token is not valid.");
    }

    /** An answer without a body (the back-channel logout's 200, a 405), never cached. */
    static AuthenticationStatus empty(HttpServletRequest request, HttpServletResponse response, int status) {
        try {
            drainRequestBody(request);
            noStore(response);
            response.setStatus(status);
            response.setContentLength(0);
            // closing completes the response, as for the pages above
            response.getOutputStream().close();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: could not write the " + status + " answer", failure);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
