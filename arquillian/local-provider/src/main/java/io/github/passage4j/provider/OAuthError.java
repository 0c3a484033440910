package io.github.passage4j.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth error answered as JSON ({@code error}, {@code error_description}), as RFC 6749 section 5.2 and RFC 6750
 * section 3 describe. Endpoints throw it; {@link #toResponse()} turns it into the answer.
 */
final class OAuthError extends RuntimeException {

    private final int status;
    private final String error;
    private final String wwwAuthenticate;
    /** Further answer headers, e.g. {@code DPoP-Nonce} (RFC 9449 8); empty for most errors. */
    private Map<String, String> headers = Map.of();

    private OAuthError(int status, String error, String description, String wwwAuthenticate) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.wwwAuthenticate = wwwAuthenticate;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description, null);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description, null);
    }

    static OAuthError invalidScope(String description) {
        return new OAuthError(400, "invalid_scope", description, null);
    }

    /**
     * @param error       an RFC 6749 / RFC 9101 / RFC 9126 error code answered with 400, e.g.
     *                    {@code invalid_request_object}
     * @param description what is wrong
     * @return the error
     */
    static OAuthError badRequest(String error, String description) {
        return new OAuthError(400, error, description, null);
    }

    static OAuthError unsupportedGrantType(String description) {
        return new OAuthError(400, "unsupported_grant_type", description, null);
    }

    /** 401 with a Basic challenge: the client must (re)authenticate with client_secret_basic. */
    static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description, "Basic realm=\"" + LocalPassageProvider.REALM + "\"");
    }

    /** 401 for a bearer token that is missing or not accepted (RFC 6750 section 3.1). */
    static OAuthError invalidToken(String description) {
        return new OAuthError(401, "invalid_token", description, "Bearer realm=\"" + LocalPassageProvider.REALM
                + "\", error=\"invalid_token\", error_description=\"" + description.replace("\"", "'") + "\"");
    }

    /** A DPoP error (RFC 9449 7.1, 8, 9) with the headers it needs, e.g. {@code DPoP-Nonce}, {@code WWW-Authenticate}. */
    static OAuthError dpop(int status, String error, String description, Map<String, String> headers) {
        OAuthError dpopError = new OAuthError(status, error, description, null);
        dpopError.headers = Map.copyOf(headers);
        return dpopError;
    }

    /** @return the error code */
    String error() {
        return error;
    }

    /** @return the JSON answer */
    Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (getMessage() != null) {
            body.put("error_description", getMessage());
        }
        Response response = Response.json(status, body).noStore();
        if (wwwAuthenticate != null) {
            response.header("WWW-Authenticate", wwwAuthenticate);
        }
        headers.forEach(response::header);
        return response;
    }
}
