package io.github.passage4j.oidc;

/**
 * The OpenID provider could not be used right now: a network failure, a timeout, a server error
 * (5xx), a redirect where none is expected, an oversized or unparseable answer.
 *
 * <p>The sign-in may succeed later without any change on either side, so the glue code answers
 * with 503 Service Unavailable.
 */
public final class ProviderUnavailableException extends OpenIdException {

    private static final long serialVersionUID = 1L;

    /**
     * @param safeMessage description free of secrets and token contents
     */
    public ProviderUnavailableException(String safeMessage) {
        super(safeMessage);
    }

    /**
     * @param safeMessage description free of secrets and token contents
     * @param cause the underlying I/O failure
     */
    public ProviderUnavailableException(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }
}
