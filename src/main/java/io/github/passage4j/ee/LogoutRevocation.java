package io.github.passage4j.ee;

import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.RevocationOutcome;
import io.github.passage4j.oidc.ThrottledLog;

/**
 * Revokes a signed-out session's tokens (RFC 7009) after the local session has ended. It runs on the logout
 * request's thread, after {@link CallerStore#clear} and before the browser is answered: the session is over
 * whatever the provider does, and the wait is bounded by the connection's timeouts ({@code passage.connect-timeout},
 * {@code passage.read-timeout}), so a slow provider delays only this one answer, by at most that. A thread of our
 * own would need a managed executor the library cannot assume, and could outlive the application.
 */
final class LogoutRevocation {

    private static final System.Logger LOG = System.getLogger(LogoutRevocation.class.getName());
    /** A provider that refuses every revocation would otherwise log one warning per logout: once a minute per kind. */
    private static final ThrottledLog FAILURES = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);

    private LogoutRevocation() {
    }

    /**
     * @param settings the definition's settings ({@code passage.revoke-tokens-on-logout})
     * @param provider the provider, or null when none is known (nothing is revoked)
     * @param tokens the signed-out session's tokens
     * @param dpopKeyOrNull the key they are bound to, or null for bearer tokens
     * @return what became of them; never throws for the provider's sake
     */
    static RevocationOutcome revoke(PassageSettings settings, OpenIdProvider provider, PassageTokens tokens,
            DpopKey dpopKeyOrNull) {
        if (!settings.logout().revokeTokensOnLogout() || provider == null) {
            return RevocationOutcome.NOT_OFFERED;
        }
        RevocationOutcome outcome;
        try {
            outcome = provider.revokeTokens(tokens.getRefreshToken().orElse(null), tokens.getAccessToken(),
                    dpopKeyOrNull);
        } catch (RuntimeException unexpected) {
            // the sign-out has happened: nothing here may turn it into an error page
            FAILURES.warn("unexpected", "Passage4J: revoking the tokens at logout failed: "
                    + unexpected.getClass().getName());
            return new RevocationOutcome(true, false, unexpected.getClass().getName());
        }
        if (outcome.offered() && !outcome.revoked()) {
            // the problems name endpoints and statuses, never a token
            FAILURES.warn("not revoked", "Passage4J: signed out locally; " + outcome.problems());
        }
        return outcome;
    }
}
