package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthorizationRequest;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.SignInSecrets;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;

/**
 * Stage "redirect": an anonymous request for a protected page starts a sign-in. Fresh state, nonce and PKCE verifier
 * are remembered for this browser, and the browser is sent to the provider's authorization endpoint.
 */
final class AuthorizationRedirect {

    private final PassageSettings settings;
    private final OpenIdProvider provider;
    private final SignInStateStore states;
    private final Clock clock;

    AuthorizationRedirect(PassageSettings settings, OpenIdProvider provider, SignInStateStore states, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.states = states;
        this.clock = clock;
    }

    AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (!isPageNavigation(request)) {
            return Responses.unauthorizedApi(request, response);
        }
        URI redirectUri = AppUrls.resolve(request, settings.redirectUri());
        String codeVerifier = SignInSecrets.randomToken();
        SignInState attempt = new SignInState(SignInSecrets.randomToken(), SignInSecrets.randomToken(), codeVerifier,
                returnPath(request), settings.client().issuer().toString(), redirectUri.toString(), clock.instant());
        URI authorization = provider.authorizationRedirect(new AuthorizationRequest(redirectUri, attempt.state(),
                attempt.nonce(), SignInSecrets.s256Challenge(codeVerifier)));
        states.save(request, response, attempt);
        return Responses.redirect(response, authorization.toString());
    }

    private String returnPath(HttpServletRequest request) {
        boolean returnable = settings.redirectToOriginalResource() && "GET".equals(request.getMethod());
        return returnable ? AppUrls.originalPath(request) : AppUrls.rootPath(request);
    }

    /**
     * A script or API client cannot follow a redirect to a login page usefully: it gets a 401 instead. A request is
     * taken for one when it asks for JSON but not HTML, or says it is an XMLHttpRequest.
     */
    static boolean isPageNavigation(HttpServletRequest request) {
        if ("XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))) {
            return false;
        }
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return true;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return !(lower.contains("json") && !lower.contains("html"));
    }
}
