package io.github.passage4j.ee;

import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stage "logout": the local session ends first, whatever the provider does; then the browser goes to the provider's
 * end-session endpoint when it has one (by a form POST, see {@link LogoutForm}), else straight to the post-logout
 * page.
 */
final class Logout {

    private static final System.Logger LOG = System.getLogger(Logout.class.getName());

    private final PassageSettings settings;
    private final OpenIdProvider provider;
    private final CallerStore callers;

    Logout(PassageSettings settings, OpenIdProvider provider, CallerStore callers) {
        this.settings = settings;
        this.provider = provider;
        this.callers = callers;
    }

    boolean isLogout(HttpServletRequest request) {
        return AppUrls.pathWithinApp(request).equals(settings.logoutPath());
    }

    AuthenticationStatus logout(HttpServletRequest request, HttpServletResponse response) {
        Optional<SignedInCaller> caller = callers.load(request);
        callers.clear(request, response);
        URI afterLogout = AppUrls.resolve(request, settings.postLogoutRedirectUri());
        Optional<URI> endSession = caller.isPresent() ? endSessionEndpoint() : Optional.empty();
        if (endSession.isEmpty()) {
            return Responses.redirect(response, afterLogout.toString());
        }
        // RP-Initiated Logout 1.0 section 2: the hint names the session to end, client_id the client, and the
        // post-logout URI must be one registered for that client
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id_token_hint", caller.get().tokens().getIdToken());
        fields.put("client_id", settings.client().clientId());
        fields.put("post_logout_redirect_uri", afterLogout.toString());
        // RP-Initiated Logout 1.0 section 2: state comes back to the post-logout URI. The session that could
        // remember it has just ended, and a logout cannot be forged into anything worse than a logout, so it is not
        // checked on the way back; a missing or different state there is simply ignored
        fields.put("state", io.github.passage4j.oidc.SignInSecrets.randomToken());
        return LogoutForm.send(response, endSession.get(), fields);
    }

    private Optional<URI> endSessionEndpoint() {
        if (settings.endSessionEndpoint() != null) {
            // configured for a provider whose discovery lists none (Passage: <issuer>/logout)
            return Optional.of(settings.endSessionEndpoint());
        }
        try {
            return Optional.ofNullable(provider.metadata().endSessionEndpoint());
        } catch (ProviderUnavailableException | ProviderRejectedException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: signed out locally only; the provider's end-session "
                    + "endpoint is unknown: " + unavailable.getMessage());
            return Optional.empty();
        }
    }
}
