package io.github.passage4j.ee;

import io.github.passage4j.oidc.OpenIdProvider;

import java.time.Clock;

/**
 * The stages of one {@code @PassageAuthenticationDefinition}, wired to its own provider: each definition validates
 * only what its provider issued, and keeps its own caches, replay guard and ended sessions.
 */
final class DefinitionStages {

    final PassageSettings settings;
    final BackChannelLogout backChannelLogout;
    final AuthorizationRedirect redirect;
    final AuthorizationCallback callback;
    final Logout logout;
    final BearerAuthentication bearer;
    final SignedInSession signedIn;

    DefinitionStages(PassageSettings settings, GroupProviders groups, SignInStateStore states, CallerStore callers,
                     Clock clock) {
        this.settings = settings;
        OpenIdProvider provider = new OpenIdProvider(settings.client());
        CallerEstablishment establishment = new CallerEstablishment(settings, groups, clock);
        // per definition: a sid or sub of one provider says nothing about another provider's sessions
        EndedSessions endedSessions = new InMemoryEndedSessions(clock);
        backChannelLogout = new BackChannelLogout(settings.backChannelLogoutPath(), provider, endedSessions, clock);
        redirect = new AuthorizationRedirect(settings, provider, states, clock);
        callback = new AuthorizationCallback(settings, provider, states, establishment, callers);
        logout = new Logout(settings, provider, callers);
        bearer = new BearerAuthentication(settings, establishment);
        signedIn = new SignedInSession(settings, callers, endedSessions,
                new TokenRefresh(settings, provider, establishment, callers, clock), clock);
    }
}
