package io.github.passage4j.ee;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * {@code responseMode = query}, the default: the provider redirects the browser to the callback with the response in
 * the query (RFC 6749 4.1.2), a top-level GET that carries the app's {@code SameSite=Lax} cookies, so the
 * {@link SignInStateStore} alone binds the attempt.
 *
 * <p>A POST to the callback is refused (405), and its state left alone: a provider told to answer in the query
 * never posts, so a POST is a form someone else built (a cross-site login CSRF attempt, or a provider configured for
 * form_post against the app's setting). Accepting it would only work where a browser sends the Lax cookies on a
 * cross-site POST (Chrome's two-minute exception for cookies without {@code SameSite}), a quirk not to build on.
 */
final class QueryResponse implements AuthorizationResponse {

    static final QueryResponse INSTANCE = new QueryResponse();

    private QueryResponse() {
    }

    @Override
    public Optional<String> bind(HttpServletRequest request, HttpServletResponse response, SignInState attempt) {
        return Optional.empty();
    }

    @Override
    public Optional<AuthenticationStatus> screen(HttpServletRequest request, HttpServletResponse response) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return Optional.empty();
        }
        // RFC 6749 4.1.2 (response_mode=query): the response arrives as a redirect, a GET
        response.setHeader("Allow", "GET");
        return Optional.of(Responses.page(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                "Sign-in failed", "This app expects the sign-in response as a redirect, not as a form. "
                        + "Please sign in again."));
    }
}
