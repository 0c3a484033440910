package io.github.passage4j.ee;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.util.Optional;

/**
 * The HTTP side of DPoP-bound tokens at this app's protected resources (RFC 9449 7): the {@code Authorization: DPoP}
 * token, the URL the proof's {@code htu} must name, and the 401 answers with a {@code DPoP} challenge.
 */
final class DpopRequests {

    /** RFC 9449 7.1: the algorithms the challenge announces, those the proof verifier accepts. */
    private static final String ALGS = "ES256 ES384 ES512 PS256 PS384 PS512 RS256";

    private DpopRequests() {
    }

    /** The token of an {@code Authorization: DPoP} header, if the request has one (possibly empty). */
    static Optional<String> dpopToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        // RFC 9449 7.1: the DPoP scheme; schemes are case-insensitive (RFC 9110 11.1)
        if (authorization == null || !authorization.regionMatches(true, 0, "dpop", 0, 4)
                || (authorization.length() > 4 && authorization.charAt(4) != ' ')) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(Math.min(5, authorization.length())).strip());
    }

    /**
     * The URL the client addressed (RFC 9449 4.3 step 9): on the configured base URL when there is one, since
     * behind a proxy the container's own view of it differs; without query, which htu leaves out.
     */
    static URI requestUrl(HttpServletRequest request, URI configuredBase) {
        return URI.create(AppUrls.baseUrl(request, configuredBase) + AppUrls.pathWithinApp(request));
    }

    /** RFC 9449 7.1 with RFC 6750 3.1: the token is refused; the client must get another. */
    static AuthenticationStatus invalidToken(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "DPoP error=\"invalid_token\", algs=\"" + ALGS + "\"");
        return Responses.page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Invalid token",
                "The access token is not valid.");
    }

    /** RFC 9449 7.1: the proof is missing or does not fit the request or the token. */
    static AuthenticationStatus invalidProof(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"" + ALGS + "\"");
        return Responses.page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Invalid DPoP proof",
                "The DPoP proof is not valid.");
    }
}
