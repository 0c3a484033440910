package io.github.passage4j.ee;

import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.AuthenticationRequirement;
import io.github.passage4j.oidc.AuthorizationParameters;
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
import java.util.Optional;

/**
 * Stage "redirect": an anonymous request for a protected page starts a sign-in. Fresh state, nonce and PKCE verifier
 * are remembered for this browser, and the browser is sent to the provider's authorization endpoint.
 */
final class AuthorizationRedirect {

    private final PassageSettings settings;
    private final OpenIdProvider provider;
    private final SignInStateStore states;
    private final Clock clock;
    /** Binds the attempt to the browser as the response mode needs (a form post: its binding cookie). */
    private final AuthorizationResponse responseMode;

    AuthorizationRedirect(PassageSettings settings, OpenIdProvider provider, SignInStateStore states, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.states = states;
        this.clock = clock;
        this.responseMode = AuthorizationResponse.of(settings, states);
    }

    AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (!isPageNavigation(request)) {
            return Responses.unauthorizedApi(request, response);
        }
        return start(request, response, returnPath(request), AuthorizationParameters.NONE, null);
    }

    /**
     * A sign-in that must meet a resource's step-up requirement: its {@code acr_values} and {@code max_age} are sent
     * (and enforced at the callback, OIDC Core 3.1.3.7 steps 12 and 13), and a page the browser asked for with GET is
     * returned to afterwards whatever {@code redirectToOriginalResource} says, since the caller was already signed in
     * and only asked for that page.
     */
    AuthenticationStatus startStepUp(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationRequirement requirement)
            throws ProviderUnavailableException, ProviderRejectedException {
        String returnPath = "GET".equals(request.getMethod()) ? AppUrls.originalPath(request)
                : AppUrls.rootPath(request);
        return start(request, response, returnPath, AuthorizationParameters.NONE, requirement);
    }

    /** Whether the request asks to start a sign-in with this definition: {@code GET /passage/signin[/<name>]}. */
    boolean isSignInStart(HttpServletRequest request) {
        String path = PassageAuthenticationDefinition.SIGN_IN_PATH
                + (settings.isUnnamed() ? "" : "/" + settings.name());
        return "GET".equals(request.getMethod()) && AppUrls.pathWithinApp(request).equals(path);
    }

    /**
     * A sign-in the app asked for explicitly (a "sign in with ..." link): afterwards the browser goes to the
     * {@code return} parameter when it is a path of this app, else to the app root; never elsewhere, so that the
     * link cannot be made an open redirect.
     */
    AuthenticationStatus startRequested(HttpServletRequest request, HttpServletResponse response)
            throws ProviderUnavailableException, ProviderRejectedException {
        String[] requested = request.getParameterValues("return");
        String target = requested != null && requested.length == 1
                && requested[0].length() <= AuthorizationCallback.MAX_PARAMETER_LENGTH
                && AppUrls.isPathOfThisApp(request, requested[0]) ? requested[0] : AppUrls.rootPath(request);
        AuthorizationParameters asked;
        try {
            // OIDC Core 3.1.2.1: prompt, max_age, login_hint, ... from the link; checked before any other work
            asked = SignInParameters.fromRequest(request);
        } catch (IllegalArgumentException refused) {
            return Responses.badRequest(request, response, "The sign-in request is not valid: "
                    + refused.getMessage());
        }
        return start(request, response, target, asked, null);
    }

    private AuthenticationStatus start(HttpServletRequest request, HttpServletResponse response, String returnPath,
            AuthorizationParameters asked, AuthenticationRequirement requirementOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        AuthorizationParameters extra;
        try {
            // a request's own override the deployment's name by name; a step-up requirement overrides both
            extra = settings.signIn().extraParameters().with(asked);
            if (requirementOrNull != null) {
                extra = extra.requiring(requirementOrNull);
            }
        } catch (IllegalArgumentException tooMany) {
            return Responses.badRequest(request, response, "The sign-in request is not valid: "
                    + tooMany.getMessage());
        }
        URI redirectUri = AppUrls.resolve(request, settings.session().baseUrl(), settings.redirectUri());
        String codeVerifier = SignInSecrets.randomToken();
        // RFC 9449 10: a key per sign-in, named in the request so that only its holder can redeem the code
        DpopKey dpopKey = provider.newDpopKey().orElse(null);
        SignInState attempt = new SignInState(SignInSecrets.randomToken(), SignInSecrets.randomToken(), codeVerifier,
                returnPath, settings.client().issuer().toString(), settings.name(), redirectUri.toString(),
                clock.instant(), dpopKey == null ? null : dpopKey.serialize(),
                // OIDC Core 3.1.3.7 steps 12 and 13: the callback checks what was asked
                extra.maxAge().orElse(null), extra.acrValues().orElse(null));
        URI authorization = provider.authorizationRedirect(new AuthorizationRequest(redirectUri, attempt.state(),
                attempt.nonce(), SignInSecrets.s256Challenge(codeVerifier),
                dpopKey == null ? null : dpopKey.thumbprint(), extra), settings.signIn().responseMode());
        Optional<String> unbindable = responseMode.bind(request, response, attempt);
        if (unbindable.isPresent()) {
            return Responses.signInFailed(request, response, unbindable.get());
        }
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
