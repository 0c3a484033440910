package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.AccessTokenSettings;
import io.github.passage4j.oidc.ClientSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The resolved settings of one {@code @PassageAuthenticationDefinition}: annotation, configuration and expressions
 * already applied and validated.
 *
 * @param name                       the definition's name; empty for the default definition
 * @param client                     what the OpenID core needs
 * @param redirectUri                an absolute URI, or a path relative to the app's base URL
 * @param redirectToOriginalResource whether sign-in ends on the page first asked for
 * @param callerNameClaim            the claim that names the caller
 * @param callerGroupsClaim          the claim (dotted path) holding the caller's groups; empty for none
 * @param logoutPath                 the app path that signs out
 * @param postLogoutRedirectUri      an absolute URI, or a path relative to the app's base URL
 * @param endSessionEndpoint         the provider's end-session endpoint, or null to take it from discovery
 * @param tokenMinValidity           refresh when the access token expires within this
 * @param endSessionAtTokenExpiry    whether a session whose tokens expired unrefreshed ends
 * @param appId                      the Passage app id whose element tokens are accepted, or null
 * @param bearerAudiences            the audiences a bearer token must name one of
 * @param elementTokenIssuerBase     where Passage issues element tokens ({@code https://auth.passage.id}); only tests
 *                                   point it elsewhere
 * @param backChannelLogoutPath      the app path where the provider POSTs logout tokens
 * @param session                    how the app keeps sessions; the same for every definition of the app
 * @param accessTokenSigningAlgorithms the JWS algorithms accepted for the issuer's bearer access tokens
 * @param logout                     the end-session method and revocation at logout
 * @param signIn                     the extra authorization parameters and the userinfo choice
 */
record PassageSettings(String name,
                       ClientSettings client,
                       String redirectUri,
                       boolean redirectToOriginalResource,
                       String callerNameClaim,
                       String callerGroupsClaim,
                       String logoutPath,
                       String postLogoutRedirectUri,
                       URI endSessionEndpoint,
                       Duration tokenMinValidity,
                       boolean endSessionAtTokenExpiry,
                       String appId,
                       Set<String> bearerAudiences,
                       URI elementTokenIssuerBase,
                       String backChannelLogoutPath,
                       SessionSettings session,
                       Set<String> accessTokenSigningAlgorithms,
                       LogoutSettings logout,
                       SignInOptions signIn) {

    /** Where Passage issues the element tokens of an app: {@code <base>/v1/apps/<appId>}. */
    static final URI PASSAGE_ELEMENT_TOKEN_ISSUER_BASE = URI.create("https://auth.passage.id");

    PassageSettings {
        bearerAudiences = Set.copyOf(bearerAudiences);
        accessTokenSigningAlgorithms = Set.copyOf(accessTokenSigningAlgorithms);
        java.util.Objects.requireNonNull(logout, "logout");
        signIn = signIn == null ? SignInOptions.DEFAULT : signIn;
    }

    /** The settings with the default logout and sign-in options. */
    PassageSettings(String name, ClientSettings client, String redirectUri, boolean redirectToOriginalResource,
                    String callerNameClaim, String callerGroupsClaim, String logoutPath, String postLogoutRedirectUri,
                    URI endSessionEndpoint, Duration tokenMinValidity, boolean endSessionAtTokenExpiry, String appId,
                    Set<String> bearerAudiences, URI elementTokenIssuerBase, String backChannelLogoutPath,
                    SessionSettings session, Set<String> accessTokenSigningAlgorithms) {
        this(name, client, redirectUri, redirectToOriginalResource, callerNameClaim, callerGroupsClaim, logoutPath,
                postLogoutRedirectUri, endSessionEndpoint, tokenMinValidity, endSessionAtTokenExpiry, appId,
                bearerAudiences, elementTokenIssuerBase, backChannelLogoutPath, session, accessTokenSigningAlgorithms,
                LogoutSettings.DEFAULT, SignInOptions.DEFAULT);
    }

    /** The settings with the given sign-in options and the default logout. */
    PassageSettings(String name, ClientSettings client, String redirectUri, boolean redirectToOriginalResource,
                    String callerNameClaim, String callerGroupsClaim, String logoutPath, String postLogoutRedirectUri,
                    URI endSessionEndpoint, Duration tokenMinValidity, boolean endSessionAtTokenExpiry, String appId,
                    Set<String> bearerAudiences, URI elementTokenIssuerBase, String backChannelLogoutPath,
                    SessionSettings session, Set<String> accessTokenSigningAlgorithms, SignInOptions signIn) {
        this(name, client, redirectUri, redirectToOriginalResource, callerNameClaim, callerGroupsClaim, logoutPath,
                postLogoutRedirectUri, endSessionEndpoint, tokenMinValidity, endSessionAtTokenExpiry, appId,
                bearerAudiences, elementTokenIssuerBase, backChannelLogoutPath, session, accessTokenSigningAlgorithms,
                LogoutSettings.DEFAULT, signIn);
    }

    /** These settings with another logout, for tests and for the resolver's last step. */
    PassageSettings withLogout(LogoutSettings otherLogout) {
        return new PassageSettings(name, client, redirectUri, redirectToOriginalResource, callerNameClaim,
                callerGroupsClaim, logoutPath, postLogoutRedirectUri, endSessionEndpoint, tokenMinValidity,
                endSessionAtTokenExpiry, appId, bearerAudiences, elementTokenIssuerBase, backChannelLogoutPath, session,
                accessTokenSigningAlgorithms, otherLogout, signIn);
    }

    /** The settings with the default access token algorithms ({@link AccessTokenSettings#DEFAULT_ALGORITHMS}). */
    PassageSettings(String name, ClientSettings client, String redirectUri, boolean redirectToOriginalResource,
                    String callerNameClaim, String callerGroupsClaim, String logoutPath, String postLogoutRedirectUri,
                    URI endSessionEndpoint, Duration tokenMinValidity, boolean endSessionAtTokenExpiry, String appId,
                    Set<String> bearerAudiences, URI elementTokenIssuerBase, String backChannelLogoutPath,
                    SessionSettings session) {
        this(name, client, redirectUri, redirectToOriginalResource, callerNameClaim, callerGroupsClaim, logoutPath,
                postLogoutRedirectUri, endSessionEndpoint, tokenMinValidity, endSessionAtTokenExpiry, appId,
                bearerAudiences, elementTokenIssuerBase, backChannelLogoutPath, session,
                AccessTokenSettings.DEFAULT_ALGORITHMS);
    }

    /** The settings of the default (unnamed) definition, at the default back-channel logout path. */
    PassageSettings(ClientSettings client, String redirectUri, boolean redirectToOriginalResource,
                    String callerNameClaim, String callerGroupsClaim, String logoutPath, String postLogoutRedirectUri,
                    URI endSessionEndpoint, Duration tokenMinValidity, boolean endSessionAtTokenExpiry, String appId,
                    Set<String> bearerAudiences, URI elementTokenIssuerBase) {
        this("", client, redirectUri, redirectToOriginalResource, callerNameClaim, callerGroupsClaim, logoutPath,
                postLogoutRedirectUri, endSessionEndpoint, tokenMinValidity, endSessionAtTokenExpiry, appId,
                bearerAudiences, elementTokenIssuerBase, PassageAuthenticationDefinition.BACKCHANNEL_LOGOUT_PATH,
                SessionSettings.DEFAULT);
    }

    /** Whether this is the unnamed definition. */
    boolean isUnnamed() {
        return name.isEmpty();
    }

    /** How logs and deployment errors name this definition. */
    String describe() {
        return name.isEmpty() ? "the unnamed definition" : "definition '" + name + "'";
    }
}
