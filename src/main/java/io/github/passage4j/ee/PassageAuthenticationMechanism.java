package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthenticationRequirement;
import io.github.passage4j.oidc.InvalidDpopProofException;
import io.github.passage4j.oidc.OpenIdException;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.ThrottledLog;
import io.github.passage4j.oidc.UnverifiedJwt;
import io.github.passage4j.oidc.ProviderConnections;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link HttpAuthenticationMechanism} of {@code @PassageAuthenticationDefinition}, registered by
 * {@link PassageExtension}. Each request goes to exactly one stage: a provider's back-channel logout, logout, a
 * provider's callback, a sign-in the app asked for, a bearer token, a caller already signed in (refreshed or ended
 * as needed), an element token cookie, or, for a protected resource, the redirect that starts a sign-in. With
 * several definitions, each stage is that of the definition the request belongs to: by its path, by the session's
 * definition, or by the bearer token's issuer; an anonymous challenge uses the default definition.
 */
@ApplicationScoped
class PassageAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final System.Logger LOG = System.getLogger(PassageAuthenticationMechanism.class.getName());
    /** Refusals anyone can cause with a bad token or response: once per reason and minute, the rest at DEBUG. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);

    /** Request attribute holding the {@link SignedInCaller} of the current request. */
    static final String CURRENT_CALLER = "io.github.passage4j.current-caller";

    @Inject
    BeanManager beanManager;

    private CallerStore callers;
    /** One per definition, in declaration order. */
    private List<DefinitionStages> definitions;
    private DefinitionStages defaultDefinition;
    /** The configured external base URL of the app, or null. */
    private URI baseUrl;
    private final PlainHttpWarning plainHttp = new PlainHttpWarning(LOG);
    /** The app's HTTP clients, discovery and keys, one per issuer; closed when the app stops. */
    private ProviderConnections connections;
    /**
     * The definitions by the issuers whose bearer tokens they validate ({@link BearerAuthentication#issuerKey}), in
     * declaration order: built once, so a request's unverified {@code iss} costs one lookup.
     */
    private Map<String, List<DefinitionStages>> definitionsByIssuer;

    @PostConstruct
    void wireStages() {
        PassageExtension extension = beanManager.getExtension(PassageExtension.class);
        Definitions settings = extension.settings();
        baseUrl = settings.session().baseUrl();
        Clock clock = Clock.systemUTC();
        Logouts logouts = new Logouts(extension.endedSessions(), clock);
        // shared: the session holds one caller and the pending sign-ins of every definition, each tagged with its own
        SignInStateStore states;
        if (settings.session().stateless()) {
            SealedCookieCodec codec = new SealedCookieCodec(settings.session().cookieKeys(), clock);
            states = new CookieSignInStateStore(codec, clock, settings.session().baseUrl());
            callers = new CookieCallerStore(codec, settings, settings.session(), logouts);
        } else {
            states = new HttpSessionSignInStateStore(clock);
            callers = new HttpSessionCallerStore(logouts);
        }
        GroupProviders groups = new IdentityStoreGroups(beanManager, extension.applicationIdentityStores());
        connections = new ProviderConnections();
        definitions = settings.all().stream()
                .map(each -> new DefinitionStages(each, groups, states, callers, logouts, clock, connections))
                .toList();
        defaultDefinition = definitions.stream().filter(each -> each.settings == settings.defaultDefinition())
                .findFirst().orElseThrow();
        definitionsByIssuer = byIssuer(definitions);
    }

    private static Map<String, List<DefinitionStages>> byIssuer(List<DefinitionStages> definitions) {
        Map<String, List<DefinitionStages>> byIssuer = new HashMap<>();
        for (DefinitionStages definition : definitions) {
            for (String issuer : definition.bearer.issuerKeys()) {
                byIssuer.computeIfAbsent(issuer, key -> new ArrayList<>()).add(definition);
            }
        }
        byIssuer.replaceAll((issuer, each) -> List.copyOf(each));
        return Map.copyOf(byIssuer);
    }

    /**
     * Ends the HTTP clients' threads when the app stops (the bean is application scoped): left running, they would
     * keep the undeployed app's classes in memory.
     */
    @PreDestroy
    void closeConnections() {
        if (connections != null) {
            connections.close();
        }
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            if (baseUrl == null) {
                plainHttp.check(request);
            }
            for (DefinitionStages definition : definitions) {
                if (definition.backChannelLogout.isBackChannelLogout(request)) {
                    return definition.backChannelLogout.receive(request, response);
                }
                if (definition.clientJwks.isKeySetRequest(request)) {
                    return definition.clientJwks.serve(request, response);
                }
            }
            for (DefinitionStages definition : definitions) {
                if (definition.logout.isLogout(request)) {
                    // RP-Initiated Logout goes to the provider the caller signed in with, whichever logout path
                    return ofSession(request).orElse(definition).logout.logout(request, response);
                }
            }
            for (DefinitionStages definition : definitions) {
                if (definition.callback.isCallback(request)) {
                    return definition.callback.complete(request, response);
                }
            }
            for (DefinitionStages definition : definitions) {
                if (definition.redirect.isSignInStart(request)) {
                    return definition.redirect.startRequested(request, response);
                }
            }
            Optional<String> dpopToken = DpopRequests.dpopToken(request);
            if (dpopToken.isPresent()) {
                return dpopCaller(request, response, context, dpopToken.get());
            }
            Optional<String> bearerToken = BearerAuthentication.bearerToken(request);
            if (bearerToken.isPresent()) {
                return bearerCaller(request, response, context, bearerToken.get());
            }
            Optional<SignedInCaller> caller = signedInCaller(request, response);
            RequestSite site = RequestSite.of(request, AppUrls.origin(request, baseUrl));
            for (DefinitionStages definition : definitions) {
                if (caller.isPresent()) {
                    break;
                }
                caller = definition.bearer.fromElementCookie(request, site);
            }
            if (caller.isPresent()) {
                return admit(request, response, context, caller.get(), StepUp.Presentation.SESSION);
            }
            // a resource with a step-up requirement needs a caller who meets it, even without a security constraint
            Optional<DefinitionStages> requiring = definitionRequiringStepUp(request, Optional.empty());
            if (requiring.isPresent()) {
                return requiring.get().stepUp.anonymous(request, response,
                        requiring.get().stepUp.requirementOf(request).orElseThrow());
            }
            if (!context.isProtected()) {
                return context.doNothing();
            }
            return defaultDefinition.redirect.challenge(request, response);
        } catch (SessionTooLargeException tooLarge) {
            // logged once, where it was found
            return Responses.sessionTooLarge(request, response);
        } catch (RefreshInProgressException refreshing) {
            return Responses.refreshInProgress(request, response);
        } catch (ProviderUnavailableException | SharedEndedSessions.EndedSessionsUnavailableException unavailable) {
            // logged once, where it was found
            return Responses.providerUnavailable(request, response);
        } catch (ProviderRejectedException rejected) {
            REFUSALS.warn(ThrottledLog.reasonOf(rejected.getMessage()),
                    "Passage4J: sign-in refused: " + rejected.getMessage());
            return Responses.signInFailed(request, response, "The sign-in could not be verified.");
        }
    }

    /** The definition the session's caller signed in with, if there is a caller and the definition still exists. */
    private Optional<DefinitionStages> ofSession(HttpServletRequest request) {
        return callers.load(request).flatMap(this::definitionOf);
    }

    private Optional<DefinitionStages> definitionOf(SignedInCaller caller) {
        String name = caller.definition() == null ? "" : caller.definition();
        return definitions.stream().filter(each -> each.settings.name().equals(name)).findFirst();
    }

    /** The session's caller, kept (refreshed, ended) by the definition it signed in with. */
    private Optional<SignedInCaller> signedInCaller(HttpServletRequest request, HttpServletResponse response) {
        Optional<SignedInCaller> stored = callers.load(request);
        if (stored.isEmpty()) {
            return stored;
        }
        Optional<DefinitionStages> definition = definitionOf(stored.get());
        if (definition.isEmpty()) {
            // a session of a definition the app no longer has (redeployed): nobody can refresh or end it properly
            LOG.log(System.Logger.Level.INFO, "Passage4J: session of a definition no longer configured ended");
            callers.expire(request, response);
            return Optional.empty();
        }
        return definition.get().signedIn.current(request, response);
    }

    /** RFC 6750 3.1: a request with a bad token is refused with {@code invalid_token}, never sent to sign in. */
    private AuthenticationStatus bearerCaller(HttpServletRequest request, HttpServletResponse response,
                                              HttpMessageContext context, String token)
            throws ProviderUnavailableException, ProviderRejectedException {
        SignedInCaller caller;
        try {
            // the unverified iss only chooses the definition; that definition's validator then checks everything
            caller = bearerDefinitionCaller(token);
        } catch (ProviderRejectedException rejected) {
            REFUSALS.log(System.Logger.Level.INFO, ThrottledLog.reasonOf(rejected.getMessage()),
                    "Passage4J: bearer token refused: " + rejected.getMessage());
            return Responses.invalidBearerToken(request, response);
        }
        return admit(request, response, context, caller, StepUp.Presentation.BEARER);
    }

    /**
     * RFC 9449 7.1: a DPoP-bound token with its proof; a bad token or proof is refused with the DPoP scheme's
     * {@code invalid_token} or {@code invalid_dpop_proof}. Chosen by the unverified iss, as a bearer token is.
     */
    private AuthenticationStatus dpopCaller(HttpServletRequest request, HttpServletResponse response,
                                            HttpMessageContext context, String token)
            throws ProviderUnavailableException, ProviderRejectedException {
        String issuerKey = UnverifiedJwt.issuer(token).map(BearerAuthentication::issuerKey).orElse("");
        List<DefinitionStages> candidates = definitionsByIssuer.getOrDefault(issuerKey, List.of());
        OpenIdException refused = new ProviderRejectedException("RFC 9449 7.1: the DPoP token is no JWT of a "
                + "configured issuer");
        for (DefinitionStages candidate : candidates) {
            SignedInCaller caller;
            try {
                caller = candidate.bearer.authenticateDpop(token, issuerKey, request,
                        DpopRequests.requestUrl(request, baseUrl));
            } catch (ProviderRejectedException | InvalidDpopProofException rejected) {
                refused = rejected;
                continue;
            }
            return admit(request, response, context, caller, StepUp.Presentation.DPOP);
        }
        REFUSALS.log(System.Logger.Level.INFO, ThrottledLog.reasonOf(refused.getMessage()),
                "Passage4J: DPoP token refused: " + refused.getMessage());
        return refused instanceof InvalidDpopProofException ? DpopRequests.invalidProof(request, response)
                : DpopRequests.invalidToken(request, response);
    }

    /**
     * The bearer token's caller, validated by the definition(s) whose issuer its {@code iss} names. That {@code iss}
     * is read unverified and only chooses the validator; the chosen definition checks everything (RFC 9068). Several
     * definitions may share an issuer (different clients): each is asked in turn, and all must refuse the token.
     */
    private SignedInCaller bearerDefinitionCaller(String token)
            throws ProviderUnavailableException, ProviderRejectedException {
        String issuerKey = UnverifiedJwt.issuer(token).map(BearerAuthentication::issuerKey).orElse("");
        List<DefinitionStages> candidates = definitionsByIssuer.getOrDefault(issuerKey, List.of());
        if (candidates.isEmpty()) {
            throw new ProviderRejectedException("RFC 6750 3.1: the bearer token is no JWT of a configured issuer");
        }
        ProviderRejectedException refused = null;
        for (DefinitionStages candidate : candidates) {
            try {
                return candidate.bearer.authenticate(token, issuerKey);
            } catch (ProviderRejectedException rejected) {
                refused = rejected;
            }
        }
        throw refused;
    }

    /**
     * The caller reaches the resource when their authentication meets its step-up requirement (by the definition
     * they signed in with); otherwise they are asked to authenticate again.
     */
    private AuthenticationStatus admit(HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context, SignedInCaller caller,
                                       StepUp.Presentation presentation)
            throws ProviderUnavailableException, ProviderRejectedException {
        Optional<DefinitionStages> own = definitionOf(caller);
        Optional<DefinitionStages> requiring = definitionRequiringStepUp(request, own);
        if (requiring.isPresent()) {
            Optional<AuthenticationStatus> refused = requiring.equals(own)
                    ? requiring.get().stepUp.demand(request, response, caller, presentation)
                    // a requirement of another definition: its acr values are that provider's, which this caller's
                    // provider never vouched for, so only a sign-in with that definition meets it
                    : Optional.of(requiring.get().stepUp.challenge(request, response,
                            requiring.get().stepUp.requirementOf(request).orElseThrow(), presentation));
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return establish(request, context, caller);
    }

    /**
     * The definition whose {@code stepUp} covers the request: the caller's own when it has a requirement for the
     * path, else the first that has one. Every definition's requirements apply to every caller, or a caller of a
     * definition without requirements would reach what another definition protects.
     */
    private Optional<DefinitionStages> definitionRequiringStepUp(HttpServletRequest request,
                                                                 Optional<DefinitionStages> own) {
        if (own.isPresent() && own.get().stepUp.requirementOf(request).isPresent()) {
            return own;
        }
        return definitions.stream().filter(each -> each.stepUp.requirementOf(request).isPresent()).findFirst();
    }

    private static AuthenticationStatus establish(HttpServletRequest request, HttpMessageContext context,
                                                  SignedInCaller caller) {
        request.setAttribute(CURRENT_CALLER, caller);
        return context.notifyContainerAboutLogin(caller.profile(), caller.groups());
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // request.logout() ends the Passage session too, not just the container's view of the caller, and revokes
        // its tokens where the provider offers it (RFC 7009)
        LocalSignOut.signOut(request, response, callers,
                caller -> definitionOf(caller).map(stages -> stages.logout));
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }
}
