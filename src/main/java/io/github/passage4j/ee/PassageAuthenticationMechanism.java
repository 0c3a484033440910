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
 * {@link PassageExtension}. Each request goes to exactly one stage: the provider's back-channel logout, logout, the
 * provider's callback, a bearer token, a caller already signed in (refreshed or ended as needed), an element token
 * cookie, or, for a protected resource, the redirect that starts a sign-in.
 */
@ApplicationScoped
class PassageAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final System.Logger LOG = System.getLogger(PassageAuthenticationMechanism.class.getName());

    /** Request attribute holding the {@link SignedInCaller} of the current request. */
    static final String CURRENT_CALLER = "io.github.passage4j.current-caller";

    @Inject
    BeanManager beanManager;

    private CallerStore callers;
    private BackChannelLogout backChannelLogout;
    private AuthorizationRedirect redirect;
    private AuthorizationCallback callback;
    private Logout logout;
    private BearerAuthentication bearer;
    private SignedInSession signedIn;

    @PostConstruct
    void wireStages() {
        PassageExtension extension = beanManager.getExtension(PassageExtension.class);
        PassageSettings settings = extension.settings();
        Clock clock = Clock.systemUTC();
        OpenIdProvider provider = new OpenIdProvider(settings.client());
        SignInStateStore states = new HttpSessionSignInStateStore(clock);
        CallerEstablishment establishment = new CallerEstablishment(settings,
                new IdentityStoreGroups(beanManager, extension.applicationIdentityStores()), clock);
        EndedSessions endedSessions = new InMemoryEndedSessions(clock);
        callers = new HttpSessionCallerStore();
        backChannelLogout = new BackChannelLogout(provider, endedSessions, clock);
        redirect = new AuthorizationRedirect(settings, provider, states, clock);
        callback = new AuthorizationCallback(settings, provider, states, establishment, callers);
        logout = new Logout(settings, provider, callers);
        bearer = new BearerAuthentication(settings, establishment);
        signedIn = new SignedInSession(settings, callers, endedSessions,
                new TokenRefresh(settings, provider, establishment, callers, clock), clock);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            if (backChannelLogout.isBackChannelLogout(request)) {
                return backChannelLogout.receive(request, response);
            }
            if (logout.isLogout(request)) {
                return logout.logout(request, response);
            }
            if (callback.isCallback(request)) {
                return callback.complete(request, response);
            }
            Optional<String> bearerToken = BearerAuthentication.bearerToken(request);
            if (bearerToken.isPresent()) {
                return bearerCaller(request, response, context, bearerToken.get());
            }
            Optional<SignedInCaller> caller = signedIn.current(request, response);
            if (caller.isEmpty()) {
                caller = bearer.fromElementCookie(request);
            }
            if (caller.isPresent()) {
                return establish(request, context, caller.get());
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

    /** RFC 6750 3.1: a request with a bad token is refused with {@code invalid_token}, never sent to sign in. */
    private AuthenticationStatus bearerCaller(HttpServletRequest request, HttpServletResponse response,
                                              HttpMessageContext context, String token)
            throws ProviderUnavailableException {
        SignedInCaller caller;
        try {
            caller = bearer.authenticate(token);
        } catch (ProviderRejectedException rejected) {
            LOG.log(System.Logger.Level.INFO, "Passage4J: bearer token refused: " + rejected.getMessage());
            return Responses.invalidBearerToken(request, response);
        }
        return establish(request, context, caller);
    }

    private static AuthenticationStatus establish(HttpServletRequest request, HttpMessageContext context,
                                                  SignedInCaller caller) {
        request.setAttribute(CURRENT_CALLER, caller);
        return context.notifyContainerAboutLogin(caller.profile(), caller.groups());
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // request.logout() ends the Passage session too, not just the container's view of the caller
        callers.clear(request, response);
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }
}
