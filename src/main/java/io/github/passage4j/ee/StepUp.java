package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthenticationRequirement;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.ThrottledLog;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.util.Optional;

/**
 * Stage "step-up": a caller whose authentication falls short of what the requested resource requires
 * ({@link StepUpRequirements}) does not reach it. A browser is sent to authenticate again with the requirement as
 * {@code acr_values} and {@code max_age}, and comes back to the same page; an API caller gets RFC 9470's
 * {@code insufficient_user_authentication}, which tells it what to ask its user for.
 */
final class StepUp {

    private static final System.Logger LOG = System.getLogger(StepUp.class.getName());
    /** A caller can ask for stepped-up pages as often as they like: once per minute at DEBUG is plenty. */
    private static final ThrottledLog SHORTFALLS = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);

    /** How the caller of a request presented itself, which decides how a shortfall is answered. */
    enum Presentation {
        /** A session (or a Passage element token cookie): a browser, unless the request says it is a script. */
        SESSION,
        /** {@code Authorization: Bearer} (RFC 6750). */
        BEARER,
        /** {@code Authorization: DPoP} (RFC 9449). */
        DPOP
    }

    private final PassageSettings settings;
    private final AuthorizationRedirect redirect;
    private final Clock clock;

    StepUp(PassageSettings settings, AuthorizationRedirect redirect, Clock clock) {
        this.settings = settings;
        this.redirect = redirect;
        this.clock = clock;
    }

    /** The requirement of the resource a request is for, by this definition's {@code stepUp} setting. */
    Optional<AuthenticationRequirement> requirementOf(HttpServletRequest request) {
        return settings.signIn().stepUp().forRequest(request);
    }

    /**
     * @return the answer that stops a caller who falls short of the resource's requirement; empty when the caller
     *         meets it or the resource has none
     */
    Optional<AuthenticationStatus> demand(HttpServletRequest request, HttpServletResponse response,
                                          SignedInCaller caller, Presentation presentation)
            throws ProviderUnavailableException, ProviderRejectedException {
        Optional<AuthenticationRequirement> requirement = requirementOf(request);
        if (requirement.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> shortfall = requirement.get().shortfall(caller.authenticationClaims(), clock.instant(),
                settings.client().clockSkew());
        if (shortfall.isEmpty()) {
            return Optional.empty();
        }
        SHORTFALLS.log(System.Logger.Level.DEBUG, "shortfall",
                "Passage4J: the caller's authentication falls short of the resource's requirement: " + shortfall.get());
        return Optional.of(challenge(request, response, requirement.get(), presentation));
    }

    /** An anonymous request for a resource with a requirement: a sign-in that meets it, or a 401 for an API call. */
    AuthenticationStatus anonymous(HttpServletRequest request, HttpServletResponse response,
                                   AuthenticationRequirement requirement)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (!AuthorizationRedirect.isPageNavigation(request)) {
            return Responses.unauthorizedApi(request, response);
        }
        return redirect.startStepUp(request, response, requirement);
    }

    /**
     * A caller who falls short of this definition's requirement: a browser signs in again with this definition, an
     * API caller gets RFC 9470's challenge.
     */
    AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response,
                                           AuthenticationRequirement requirement, Presentation presentation)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (presentation == Presentation.SESSION && AuthorizationRedirect.isPageNavigation(request)) {
            return redirect.startStepUp(request, response, requirement);
        }
        // RFC 9470 3: the scheme the token came with, the error, and what would meet the requirement
        StringBuilder challenge = new StringBuilder(presentation == Presentation.DPOP ? "DPoP" : "Bearer")
                .append(" realm=\"passage\", error=\"insufficient_user_authentication\", error_description=\"")
                .append("A stronger or more recent authentication is required\"");
        requirement.asParameters().forEach((name, value) ->
                challenge.append(", ").append(name).append("=\"").append(quoted(value)).append('"'));
        response.setHeader("WWW-Authenticate", challenge.toString());
        return Responses.page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Stronger sign-in required",
                "This resource needs a stronger or more recent sign-in.");
    }

    /** RFC 9110 5.6.4: a quoted-string escapes quote and backslash. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
