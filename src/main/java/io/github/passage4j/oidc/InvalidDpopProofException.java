package io.github.passage4j.oidc;

/**
 * A request's DPoP proof is missing, malformed or does not fit the request or its access token (RFC 9449 4.3,
 * 7.1): the resource server answers 401 with {@code WWW-Authenticate: DPoP error="invalid_dpop_proof"}. The message
 * names the failed step and never contains the proof or the token.
 */
public final class InvalidDpopProofException extends OpenIdException {

    private static final long serialVersionUID = 1L;

    /**
     * @param safeMessage description free of secrets and token contents
     */
    public InvalidDpopProofException(String safeMessage) {
        super(safeMessage);
    }

    /**
     * @param safeMessage description free of secrets and token contents
     * @param cause the underlying failure; must itself not carry secrets in its message
     */
    public InvalidDpopProofException(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }
}
