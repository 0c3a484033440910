package io.github.passage4j.ee;

import io.github.passage4j.oidc.DpopKey;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.ThrottledLog;
import io.github.passage4j.oidc.TokenResponse;
import io.github.passage4j.oidc.ValidatedIdToken;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stages "callback", "exchange" and "validate": the provider sends the browser back with a code (or an error); the
 * state proves the response belongs to an attempt this browser started; the code is exchanged for tokens; the ID
 * token is validated, and the userinfo claims fetched for the same subject; then the caller is established and the
 * browser returns to where it was going.
 */
final class AuthorizationCallback {

    private static final System.Logger LOG = System.getLogger(AuthorizationCallback.class.getName());
    /** Anyone can send a bad response to the callback: once per kind and minute, the rest at DEBUG. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);

    /** Longer values are no honest state, code or error: refused before any work is done. */
    static final int MAX_PARAMETER_LENGTH = 4096;

    private final PassageSettings settings;
    private final OpenIdProvider provider;
    private final SignInStateStore states;
    private final CallerEstablishment establishment;
    private final CallerStore callers;
    /** What the response mode lets through to the checks below (a query GET, a bound and relayed form post). */
    private final AuthorizationResponse responseMode;

    AuthorizationCallback(PassageSettings settings, OpenIdProvider provider, SignInStateStore states,
                          CallerEstablishment establishment, CallerStore callers) {
        this.settings = settings;
        this.provider = provider;
        this.states = states;
        this.establishment = establishment;
        this.callers = callers;
        this.responseMode = AuthorizationResponse.of(settings, states);
    }

    boolean isCallback(HttpServletRequest request) {
        return AppUrls.pathWithinApp(request).equals(AppUrls.pathOf(request, settings.redirectUri()));
    }

    AuthenticationStatus complete(HttpServletRequest request, HttpServletResponse response)
            throws ProviderUnavailableException, ProviderRejectedException {
        // the method, and for a form post its size and binding cookie, before anything else reads the response
        Optional<AuthenticationStatus> screened = responseMode.screen(request, response);
        if (screened.isPresent()) {
            return screened.get();
        }
        Optional<String> malformed = malformedParameter(request);
        if (malformed.isPresent()) {
            return Responses.badRequest(request, response, "The sign-in response is malformed.");
        }
        Optional<SignInState> attempt = states.consume(request, response, request.getParameter("state"));
        if (attempt.isEmpty()) {
            REFUSALS.log(System.Logger.Level.INFO, "state",
                    "Passage4J: sign-in response with a missing, unknown or used state");
            return Responses.signInFailed(request, response,
                    "This sign-in link is not valid here, expired or was used already. Please sign in again.");
        }
        // mix-up defence (RFC 9700 4.4): a response at this provider's callback completes only a sign-in started
        // with this provider; the state is consumed either way, so it cannot be replayed at the right callback
        if (!attempt.get().definition().equals(settings.name())) {
            REFUSALS.warn("mix-up", "Passage4J: sign-in response at the callback of "
                    + settings.describe() + " for a sign-in started with another definition; refused");
            return Responses.signInFailed(request, response,
                    "This sign-in response does not belong to the sign-in that was started. Please sign in again.");
        }
        // RFC 6749 4.1.2.1: the provider refused or the user cancelled
        String error = request.getParameter("error");
        if (error != null) {
            // one reason for every code: the codes are the sender's to choose, and would crowd out the other reasons
            REFUSALS.log(System.Logger.Level.INFO, "error",
                    "Passage4J: the provider answered the sign-in with error " + ErrorCodes.safe(error));
            return Responses.signInFailed(request, response,
                    "The sign-in was not completed (" + ErrorCodes.safe(error) + ").");
        }
        // mix-up defence: the response must come from the provider this attempt was started with
        if (!attempt.get().expectedIssuer().equals(settings.client().issuer().toString())) {
            throw new ProviderRejectedException("the sign-in was started with another provider");
        }
        // RFC 9207 2.4: the iss response parameter names the issuer that answered
        provider.checkAuthorizationResponseIssuer(request.getParameter("iss"));
        String code = request.getParameter("code");
        if (code == null || code.isEmpty()) {
            return Responses.badRequest(request, response, "The sign-in response has no code.");
        }
        // RFC 9449 5: the code is redeemed with a proof of the key the authorization request named (dpop_jkt)
        DpopKey dpopKey = attempt.get().dpopKey() == null ? null : DpopKey.parse(attempt.get().dpopKey());
        TokenResponse tokens;
        try {
            tokens = provider.exchangeCode(code, URI.create(attempt.get().redirectUri()),
                    attempt.get().codeVerifier(), dpopKey);
        } catch (ProviderRejectedException refused) {
            // the log then says which settings to check when the fault is this app's configuration
            String hint = ErrorCodes.operatorHint(refused.getMessage(), settings);
            throw hint.isEmpty() ? refused : new ProviderRejectedException(refused.getMessage() + hint);
        }
        ValidatedIdToken idToken = provider.validateIdToken(tokens.idToken(), attempt.get().nonce(),
                tokens.accessToken());
        if (attempt.get().maxAge() != null) {
            // OIDC Core 3.1.3.7 step 13: max_age was sent, so auth_time must be there and recent enough
            provider.checkAuthenticationAge(idToken, attempt.get().maxAge());
        }
        if (attempt.get().acrValues() != null) {
            // OIDC Core 3.1.3.7 step 12: acr_values were sent (a step-up), so acr must be one of them
            provider.checkAuthenticationContext(idToken, attempt.get().acrValues());
        }
        // userinfo = skip: the ID token's claims only, for providers without a (working) userinfo endpoint
        Map<String, Object> userInfo = settings.signIn().userinfo() == SignInOptions.Userinfo.SKIP ? Map.of()
                : provider.fetchUserInfo(tokens.accessToken(), idToken.subject(), dpopKey);
        SignedInCaller caller = establishment.callerFrom(idToken, userInfo, tokens, attempt.get().dpopKey());
        endSessionOfAnotherCaller(request, response, caller);
        callers.establish(request, response, caller);
        String target = attempt.get().returnPath();
        return Responses.redirect(response, AppUrls.redirectTarget(request, settings.session().baseUrl(),
                AppUrls.isPathOfThisApp(request, target) ? target : AppUrls.rootPath(request)));
    }

    /**
     * A sign-in over a session that is still signed in (a step-up, or another account): the same user, signed in
     * with the same definition, keeps the session and what the app keeps in it; anyone else starts with an empty
     * one, so that one user's session attributes never reach another.
     */
    private void endSessionOfAnotherCaller(HttpServletRequest request, HttpServletResponse response,
                                           SignedInCaller signingIn) {
        Optional<SignedInCaller> current = callers.load(request);
        if (current.isPresent() && !(current.get().subject().equals(signingIn.subject())
                && Objects.equals(current.get().definition(), signingIn.definition()))) {
            callers.expire(request, response);
        }
    }

    /** Oversized or repeated response parameters: a 400, never a 500. */
    private static Optional<String> malformedParameter(HttpServletRequest request) {
        for (String name : new String[] {"state", "code", "error", "error_description", "iss"}) {
            String[] values = request.getParameterValues(name);
            if (values != null && (values.length > 1 || values[0].length() > MAX_PARAMETER_LENGTH)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
