package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthorizationParameters;
import io.github.passage4j.oidc.ResponseMode;

import java.util.Objects;

/**
 * How a definition shapes its sign-ins: the extra authorization parameters of every sign-in
 * ({@code extraParameters}) and whether the provider's userinfo endpoint is asked ({@code userinfo}).
 *
 * @param extraParameters the deployment's extra authorization parameters, sent with every sign-in; a request's
 *                        own (from {@code /passage/signin?prompt=...}) override them name by name
 * @param userinfo        whether the callback fetches the userinfo claims
 * @param responseMode    how the provider returns the response to the callback ({@code responseMode}); its
 *                        {@link AuthorizationResponse} is the callback's side of it
 */
record SignInOptions(AuthorizationParameters extraParameters, Userinfo userinfo, ResponseMode responseMode) {

    /** No extra parameters; userinfo fetched when the provider has the endpoint. */
    static final SignInOptions DEFAULT = new SignInOptions(AuthorizationParameters.NONE, Userinfo.AUTO);

    SignInOptions {
        Objects.requireNonNull(extraParameters, "extraParameters");
        Objects.requireNonNull(userinfo, "userinfo");
        Objects.requireNonNull(responseMode, "responseMode");
    }

    /** Options with the response in the callback's query, the default. */
    SignInOptions(AuthorizationParameters extraParameters, Userinfo userinfo) {
        this(extraParameters, userinfo, ResponseMode.QUERY);
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
