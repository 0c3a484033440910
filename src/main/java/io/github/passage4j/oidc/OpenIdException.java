package io.github.passage4j.oidc;

/**
 * Base type of the failures of an OpenID Connect sign-in.
 *
 * <p>The message of every instance is safe to log and to show to an operator: it never contains a
 * token, an authorization code, a PKCE verifier or the client secret. It names the check or the
 * step of the specification that failed.
 */
public abstract class OpenIdException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param safeMessage description free of secrets and token contents
     */
    protected OpenIdException(String safeMessage) {
        super(safeMessage);
    }

    /**
     * @param safeMessage description free of secrets and token contents
     * @param cause the underlying failure; must itself not carry secrets in its message
     */
    protected OpenIdException(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }
}
