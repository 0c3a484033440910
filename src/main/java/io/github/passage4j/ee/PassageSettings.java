package io.github.passage4j.ee;

import io.github.passage4j.oidc.ClientSettings;

/**
 * The resolved settings of one {@code @PassageAuthenticationDefinition}: annotation, configuration and expressions
 * already applied and validated.
 *
 * @param client                     what the OpenID core needs
 * @param redirectUri                an absolute URI, or a path relative to the app's base URL
 * @param redirectToOriginalResource whether sign-in ends on the page first asked for
 * @param callerNameClaim            the claim that names the caller
 * @param callerGroupsClaim          the claim (dotted path) holding the caller's groups; empty for none
 * @param logoutPath                 the app path that signs out
 * @param postLogoutRedirectUri      an absolute URI, or a path relative to the app's base URL
 */
record PassageSettings(ClientSettings client,
                       String redirectUri,
                       boolean redirectToOriginalResource,
                       String callerNameClaim,
                       String callerGroupsClaim,
                       String logoutPath,
                       String postLogoutRedirectUri) {
}
