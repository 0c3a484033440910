package io.github.passage4j.oidc;

/**
 * The sign-in was refused: a validation check failed (discovery document, token response, ID
 * token, authorization response) or the provider answered with an OAuth error.
 *
 * <p>The message names the failed check, usually with the specification step, for example
 * {@code "OIDC Core 3.1.3.7 step 3: aud does not contain the client id"}. The glue code answers
 * with 401 Unauthorized.
 */
public final class ProviderRejectedException extends OpenIdException {

    private static final long serialVersionUID = 1L;

    /**
     * @param safeMessage description free of secrets and token contents
     */
    public ProviderRejectedException(String safeMessage) {
        super(safeMessage);
    }

    /**
     * @param safeMessage description free of secrets and token contents
     * @param cause the underlying failure; must itself not carry secrets in its message
     */
    public ProviderRejectedException(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }
}
