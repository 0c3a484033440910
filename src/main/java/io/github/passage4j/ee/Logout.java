package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionRequest;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.SignInSecrets;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Stage "logout": the local session ends first, whatever the provider does; then its tokens are revoked where the
 * provider offers it ({@link LogoutRevocation}); then the browser goes to the provider's end-session endpoint when it
 * has one (by a form POST or a redirect, see {@link EndSessionDelivery}), else straight to the post-logout page.
 * A signed-in session ends only on a request that is the user's own (see {@link RequestSite}): from this app's
 * pages, typed by the user, or confirmed on a page of this app; any other (a cross-site link or form, a request of a
 * browser that says nothing) is answered with that confirmation page, whose button posts back here.
 */
final class Logout {

    private static final System.Logger LOG = System.getLogger(Logout.class.getName());

    /** The confirmation form's field holding {@link #confirmationToken}. */
    static final String CONFIRMATION_FIELD = "passage_logout_confirmation";

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
        URI baseUrl = settings.session().baseUrl();
        if (caller.isPresent() && !isIntended(request, caller.get())) {
            // a link or form of another site (or of a browser that says nothing) must not end the session here and,
            // through the end-session form, at the provider: the user confirms on a page of this app
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: logout request without same-origin proof; asking to "
                    + "confirm");
            return Responses.logoutConfirmation(request, response,
                    AppUrls.resolve(request, baseUrl, settings.logoutPath()).toString(),
                    Map.of(CONFIRMATION_FIELD, confirmationToken(caller.get())));
        }
        callers.clear(request, response);
        // RFC 7009: after the local session ended, so a slow provider cannot keep anyone signed in
        caller.ifPresent(this::revokeAfterLocalSignOut);
        URI afterLogout = AppUrls.resolve(request, baseUrl, settings.postLogoutRedirectUri());
        Optional<URI> endSession = caller.isPresent() ? endSessionEndpoint() : Optional.empty();
        if (endSession.isEmpty()) {
            return Responses.redirect(response, afterLogout.toString());
        }
        // RP-Initiated Logout 1.0 section 2: state comes back to the post-logout URI. The session that could
        // remember it has just ended, and a logout cannot be forged into anything worse than a logout, so it is not
        // checked on the way back; a missing or different state there is simply ignored. The hint names the
        // session, client_id the client (EndSessionRequest leaves the hint out over plain http)
        EndSessionRequest endSessionRequest = EndSessionRequest.of(endSession.get(),
                caller.get().tokens().getIdToken(), settings.client().clientId(), afterLogout,
                SignInSecrets.randomToken());
        return EndSessionDelivery.of(settings.logout().endSessionMethod()).send(response, endSessionRequest);
    }

    /**
     * Whether the request is the user's own: from this app's pages, typed by the user, or the confirmation form
     * posted back with its token. The token matters for browsers that send neither Fetch Metadata nor {@code Origin}:
     * it is derived from the session's random key, which only this app and the session's own cookie know.
     */
    private boolean isIntended(HttpServletRequest request, SignedInCaller caller) {
        RequestSite site = RequestSite.of(request, AppUrls.origin(request, settings.session().baseUrl()));
        if (site == RequestSite.SAME_ORIGIN
                || (site == RequestSite.USER_INITIATED && RequestSite.isSafeMethod(request))) {
            return true;
        }
        if (!"POST".equals(request.getMethod()) || site == RequestSite.OTHER_ORIGIN) {
            return false;
        }
        String[] confirmed = request.getParameterValues(CONFIRMATION_FIELD);
        return confirmed != null && confirmed.length == 1 && MessageDigest.isEqual(
                confirmed[0].getBytes(StandardCharsets.UTF_8),
                confirmationToken(caller).getBytes(StandardCharsets.UTF_8));
    }

    /** The logout confirmation's proof for this session: a hash of its random key, which it does not reveal. */
    static String confirmationToken(SignedInCaller caller) {
        return SignInSecrets.sha256Base64Url("passage4j logout confirmation\n" + caller.sessionKey());
    }

    /**
     * Revokes the tokens of a caller whose local session has just ended ({@link LogoutRevocation}); never throws.
     */
    void revokeAfterLocalSignOut(SignedInCaller caller) {
        LogoutRevocation.revoke(settings, provider, caller.tokens(), caller.dpopKeyOrNull());
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
