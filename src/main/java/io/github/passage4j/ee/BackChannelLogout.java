package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.LogoutToken;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.ThrottledLog;
import io.github.passage4j.oidc.UnverifiedJwt;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Stage "back-channel logout" (OpenID Connect Back-Channel Logout 1.0): the provider POSTs a logout token to
 * {@value PassageAuthenticationDefinition#BACKCHANNEL_LOGOUT_PATH} (plus {@code /<name>} for a named definition), server to server, without a session. A valid
 * token's session or subject is recorded as ended, which ends the matching sessions at their next request
 * ({@link SignedInSession}). The answer is 200, or 400 for any token that fails validation (section 2.8); both are
 * never cached, and neither says why.
 */
final class BackChannelLogout {

    private static final System.Logger LOG = System.getLogger(BackChannelLogout.class.getName());

    private final String path;
    private final OpenIdProvider provider;
    private final String definition;
    private final Logouts logouts;
    private final ThrottledLog refusals;

    /**
     * @param path       where this definition's provider POSTs its logout tokens
     * @param provider   the provider whose logout tokens are accepted here
     * @param definition the name of the definition of that provider
     * @param logouts    where the app's ended sessions are recorded
     */
    BackChannelLogout(String path, OpenIdProvider provider, String definition, Logouts logouts) {
        this(path, provider, definition, logouts, new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime));
    }

    /** @param refusals where refused logout tokens are logged */
    BackChannelLogout(String path, OpenIdProvider provider, String definition, Logouts logouts,
                      ThrottledLog refusals) {
        this.path = path;
        this.provider = provider;
        this.definition = definition;
        this.logouts = logouts;
        this.refusals = refusals;
    }

    boolean isBackChannelLogout(HttpServletRequest request) {
        return AppUrls.pathWithinApp(request).equals(path);
    }

    AuthenticationStatus receive(HttpServletRequest request, HttpServletResponse response) {
        // Back-Channel Logout 2.5: the provider sends an HTTP POST with the logout_token form parameter
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            return Responses.empty(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
        String[] values = request.getParameterValues("logout_token");
        if (values == null || values.length != 1 || values[0].isEmpty() || values[0].length() > UnverifiedJwt.MAX_LENGTH) {
            return Responses.badRequest(request, response, "The logout request is malformed.");
        }
        LogoutToken token;
        try {
            // Back-Channel Logout 2.6: every validation step; 2.7: the logout is recorded before the replay check
            // (step 8) spends the jti, so that a failed record (503) leaves the provider's retry acceptable
            token = provider.validateLogoutToken(values[0],
                    valid -> logouts.backChannelLogout(definition, valid, provider.settings().clockSkew()));
        } catch (ProviderRejectedException rejected) {
            // anyone can send a bad token: one WARNING per reason and minute, the rest at DEBUG
            refusals.warn(ThrottledLog.reasonOf(rejected.getMessage()),
                    "Passage4J: back-channel logout refused: " + rejected.getMessage());
            // Back-Channel Logout 2.8: a logout that failed validation is answered 400
            return Responses.badRequest(request, response, "The logout request was refused.");
        } catch (ProviderUnavailableException | SharedEndedSessions.EndedSessionsUnavailableException unavailable) {
            // logged once where it arose; the provider may retry (2.8), and the unspent jti lets the retry in
            return Responses.providerUnavailable(request, response);
        }
        // the subject is personal data: it stays out of the log
        LOG.log(System.Logger.Level.INFO, "Passage4J: back-channel logout of " + (token.sessionId() != null
                ? "a provider session" : "every session of a subject"));
        // Back-Channel Logout 2.8: 200 OK, with Cache-Control: no-store
        return Responses.empty(request, response, HttpServletResponse.SC_OK);
    }
}
