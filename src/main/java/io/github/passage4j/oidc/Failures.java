package io.github.passage4j.oidc;

import java.lang.System.Logger.Level;

/**
 * Creates {@link ProviderUnavailableException}s and logs each one exactly once, at the place it
 * arises, so that an operator sees why the provider could not be used without the same failure
 * being logged again by every layer it passes through.
 */
final class Failures {

    private static final System.Logger LOG = System.getLogger(OpenIdProvider.class.getName());

    private Failures() {
    }

    /**
     * @param safeMessage description free of secrets and token contents
     * @param cause the underlying failure, or null; its message must be free of secrets too
     */
    static ProviderUnavailableException unavailable(String safeMessage, Throwable cause) {
        return unavailable(safeMessage, cause, true);
    }

    /**
     * @param logged false where the caller logs the outage itself ({@link OutageLog}), so that a background
     *     fetch retried during an outage does not log each attempt
     */
    static ProviderUnavailableException unavailable(String safeMessage, Throwable cause, boolean logged) {
        if (!logged) {
            return cause == null ? new ProviderUnavailableException(safeMessage)
                    : new ProviderUnavailableException(safeMessage, cause);
        }
        if (cause == null) {
            LOG.log(Level.WARNING, "OpenID provider unavailable: {0}", safeMessage);
            return new ProviderUnavailableException(safeMessage);
        }
        LOG.log(Level.WARNING, "OpenID provider unavailable: {0} ({1}: {2})", safeMessage,
                cause.getClass().getName(), cause.getMessage());
        return new ProviderUnavailableException(safeMessage, cause);
    }

    static ProviderUnavailableException unavailable(String safeMessage) {
        return unavailable(safeMessage, null);
    }
}
