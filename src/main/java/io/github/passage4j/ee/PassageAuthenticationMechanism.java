package io.github.passage4j.ee;

import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.util.Optional;

/**
 * The {@link HttpAuthenticationMechanism} of {@code @PassageAuthenticationDefinition}, registered by
 * {@link PassageExtension}. Each request goes to exactly one stage: logout, the provider's callback, a caller
 * already signed in, or, for a protected resource, the redirect that starts a sign-in.
 */
@ApplicationScoped
class PassageAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final System.Logger LOG = System.getLogger(PassageAuthenticationMechanism.class.getName());

    /** Request attribute holding the {@link SignedInCaller} of the current request. */
    static final String CURRENT_CALLER = "io.github.passage4j.current-caller";

    @Inject
    BeanManager beanManager;

    private CallerStore callers;
    private AuthorizationRedirect redirect;
    private AuthorizationCallback callback;
    private Logout logout;

    @PostConstruct
    void wireStages() {
        PassageSettings settings = beanManager.getExtension(PassageExtension.class).settings();
        OpenIdProvider provider = new OpenIdProvider(settings.client());
        SignInStateStore states = new HttpSessionSignInStateStore(Clock.systemUTC());
        callers = new HttpSessionCallerStore();
        redirect = new AuthorizationRedirect(settings, provider, states, Clock.systemUTC());
        callback = new AuthorizationCallback(settings, provider, states, new CallerEstablishment(settings), callers);
        logout = new Logout(settings, provider, callers);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            if (logout.isLogout(request)) {
                return logout.logout(request, response);
            }
            if (callback.isCallback(request)) {
                return callback.complete(request, response);
            }
            Optional<SignedInCaller> caller = callers.load(request);
            if (caller.isPresent()) {
                request.setAttribute(CURRENT_CALLER, caller.get());
                return context.notifyContainerAboutLogin(caller.get().profile(), caller.get().groups());
            }
            if (!context.isProtected()) {
                return context.doNothing();
            }
            return redirect.challenge(request, response);
        } catch (ProviderUnavailableException unavailable) {
            // the OpenID core has logged the cause once, where it was found
            return Responses.providerUnavailable(request, response);
        } catch (ProviderRejectedException rejected) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: sign-in refused: " + rejected.getMessage());
            return Responses.signInFailed(request, response, "The sign-in could not be verified.");
        }
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // request.logout() ends the Passage session too, not just the container's view of the caller
        callers.clear(request, response);
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }
}
