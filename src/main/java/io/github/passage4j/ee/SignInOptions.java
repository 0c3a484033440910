package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthorizationParameters;
import io.github.passage4j.oidc.ResponseMode;

import java.util.Objects;

/**
 * How a definition shapes its sign-ins: the extra authorization parameters of every sign-in
 * ({@code extraParameters}), whether the provider's userinfo endpoint is asked ({@code userinfo}), and what
 * resources require of a caller's authentication ({@code stepUp}).
 *
 * @param extraParameters the deployment's extra authorization parameters, sent with every sign-in; a request's
 *                        own (from {@code /passage/signin?prompt=...}) override them name by name
 * @param userinfo        whether the callback fetches the userinfo claims
 * @param responseMode    how the provider returns the response to the callback ({@code responseMode}); its
 *                        {@link AuthorizationResponse} is the callback's side of it
 * @param stepUp          the {@code acr} and authentication age the app's resources require ({@code stepUp})
 */
record SignInOptions(AuthorizationParameters extraParameters, Userinfo userinfo, ResponseMode responseMode,
                     StepUpRequirements stepUp) {

    /** No extra parameters; userinfo fetched when the provider has the endpoint; no step-up. */
    static final SignInOptions DEFAULT = new SignInOptions(AuthorizationParameters.NONE, Userinfo.AUTO,
            ResponseMode.QUERY, StepUpRequirements.NONE);

    SignInOptions {
        Objects.requireNonNull(extraParameters, "extraParameters");
        Objects.requireNonNull(userinfo, "userinfo");
        Objects.requireNonNull(responseMode, "responseMode");
        Objects.requireNonNull(stepUp, "stepUp");
    }

    /** Options with the response in the callback's query, the default, and no step-up requirements. */
    SignInOptions(AuthorizationParameters extraParameters, Userinfo userinfo) {
        this(extraParameters, userinfo, ResponseMode.QUERY, StepUpRequirements.NONE);
    }

    /** The {@code userinfo} setting. */
    enum Userinfo {
        /** Fetch the userinfo claims when discovery names a {@code userinfo_endpoint} (OIDC Core 5.3). */
        AUTO,
        /**
         * Never ask the userinfo endpoint: the caller's claims are the ID token's only. For providers without one
         * that still announce it, or whose userinfo adds nothing the app needs (one call less per sign-in).
         */
        SKIP
    }
}
