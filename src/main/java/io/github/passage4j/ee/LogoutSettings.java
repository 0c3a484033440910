package io.github.passage4j.ee;

import io.github.passage4j.oidc.EndSessionMethod;

import java.util.Objects;

/**
 * How a definition signs out at the provider: the end-session request's method, and whether the session's tokens
 * are revoked (RFC 7009) at logout.
 *
 * @param endSessionMethod      how the browser carries the end-session request
 * @param revokeTokensOnLogout  whether to revoke the tokens when the provider lists a {@code revocation_endpoint}
 */
record LogoutSettings(EndSessionMethod endSessionMethod, boolean revokeTokensOnLogout) {

    /** The annotation's defaults: a form POST, as before there was a choice, and revocation where offered. */
    static final LogoutSettings DEFAULT = new LogoutSettings(EndSessionMethod.POST, true);

    LogoutSettings {
        Objects.requireNonNull(endSessionMethod, "endSessionMethod");
    }
}
