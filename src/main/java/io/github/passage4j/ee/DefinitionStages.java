package io.github.passage4j.ee;

import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ReplayGuard;

import java.time.Clock;

/**
 * The stages of one {@code @PassageAuthenticationDefinition}, wired to its own provider: each definition validates
 * only what its provider issued, and keeps its own token caches and replay guard. The connection to an issuer
 * (HTTP client, discovery, keys) is the app's, shared by the definitions of that issuer ({@link ProviderConnections}).
 * The ended sessions are the app's, keyed per definition ({@link Logouts}).
 */
final class DefinitionStages {

    final PassageSettings settings;
    final BackChannelLogout backChannelLogout;
    final ClientJwks clientJwks;
    final AuthorizationRedirect redirect;
    final AuthorizationCallback callback;
    final Logout logout;
    final BearerAuthentication bearer;
    final SignedInSession signedIn;
    final StepUp stepUp;

    DefinitionStages(PassageSettings settings, GroupProviders groups, SignInStateStore states, CallerStore callers,
                     Logouts logouts, Clock clock, ProviderConnections connections) {
        this.settings = settings;
        // the logout tokens received are kept with the ended sessions: shared by every node when those are
        OpenIdProvider provider = new OpenIdProvider(settings.client(), clock, logouts.replayGuard(settings.name()),
                connections);
        CallerEstablishment establishment = new CallerEstablishment(settings, groups, clock);
        backChannelLogout = new BackChannelLogout(settings.backChannelLogoutPath(), provider, settings.name(),
                logouts);
        clientJwks = new ClientJwks(settings);
        redirect = new AuthorizationRedirect(settings, provider, states, clock);
        stepUp = new StepUp(settings, redirect, clock);
        callback = new AuthorizationCallback(settings, provider, states, establishment, callers);
        logout = new Logout(settings, provider, callers);
        bearer = new BearerAuthentication(settings, establishment, connections);
        signedIn = new SignedInSession(settings, callers, logouts,
                new TokenRefresh(settings, provider, establishment, callers, logouts, clock), clock);
    }
}
