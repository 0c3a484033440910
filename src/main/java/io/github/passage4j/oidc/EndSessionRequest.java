package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of one RP-initiated logout (RP-Initiated Logout 1.0 section 2) and the endpoint they go to,
 * independent of how the browser carries them there ({@link EndSessionMethod}).
 *
 * <p>The ID token is a bearer of the user's identity: over plain http to a host other than a loopback one it would
 * travel in the clear (and, with GET, sit in every proxy's log), so it is then left out. {@code client_id} is sent
 * always, so that the provider still knows the client and can check {@code post_logout_redirect_uri} against it
 * (section 2: "client_id ... when both client_id and id_token_hint are present, the OP MUST verify ...").
 */
public final class EndSessionRequest {

    private static final System.Logger LOG = System.getLogger(EndSessionRequest.class.getName());

    private final URI endpoint;
    private final Map<String, String> parameters;

    private EndSessionRequest(URI endpoint, Map<String, String> parameters) {
        this.endpoint = endpoint;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * @param endpoint the provider's end-session endpoint
     * @param idTokenHintOrNull the session's ID token, or null if none is known
     * @param clientId this client's id
     * @param postLogoutRedirectUriOrNull where the provider should send the browser afterwards, or null
     * @param stateOrNull the opaque value to get back at the post-logout URI, or null
     * @return the request, without {@code id_token_hint} if it would travel in the clear
     */
    public static EndSessionRequest of(URI endpoint, String idTokenHintOrNull, String clientId,
            URI postLogoutRedirectUriOrNull, String stateOrNull) {
        return of(endpoint, idTokenHintOrNull, clientId, postLogoutRedirectUriOrNull, stateOrNull, LOG);
    }

    /** As {@link #of(URI, String, String, URI, String)}, logging to {@code log} (for tests of what it says). */
    static EndSessionRequest of(URI endpoint, String idTokenHintOrNull, String clientId,
            URI postLogoutRedirectUriOrNull, String stateOrNull, System.Logger log) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientId, "clientId");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (idTokenHintOrNull != null) {
            if (carriesTokensInTheClear(endpoint)) {
                // the token itself is never logged, only that it was held back and why
                log.log(System.Logger.Level.DEBUG, () -> "Passage4J: id_token_hint left out of the end-session "
                        + "request: " + SafeText.of(endpoint.getScheme() + "://" + endpoint.getHost())
                        + " is plain http to a host that is not a loopback one");
            } else {
                // RP-Initiated Logout 1.0 section 2: the hint names the session to end
                parameters.put("id_token_hint", idTokenHintOrNull);
            }
        }
        // RP-Initiated Logout 1.0 section 2: client_id names the client, with or without the hint
        parameters.put("client_id", clientId);
        if (postLogoutRedirectUriOrNull != null) {
            parameters.put("post_logout_redirect_uri", postLogoutRedirectUriOrNull.toString());
        }
        if (stateOrNull != null) {
            parameters.put("state", stateOrNull);
        }
        return new EndSessionRequest(endpoint, parameters);
    }

    /**
     * Whether a request to {@code endpoint} would cross a network unencrypted: plain http to a host that is not a
     * loopback one ({@link UriRules#isLoopback}).
     *
     * @param endpoint an absolute URL
     * @return true for plain http to a non-loopback host (and for any scheme other than https)
     */
    public static boolean carriesTokensInTheClear(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            return false;
        }
        return !("http".equals(scheme) && UriRules.isLoopback(endpoint.getHost()));
    }

    /**
     * @return the end-session endpoint, as configured or discovered
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * @return the parameters in the order sent, unmodifiable
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * @return the endpoint with the parameters added to its query, for {@link EndSessionMethod#GET}
     */
    public URI asQueryUrl() {
        return FormEncoding.withQuery(endpoint, parameters);
    }

    /** Names the endpoint and the parameter names; never their values (the ID token). */
    @Override
    public String toString() {
        return "EndSessionRequest[endpoint=" + endpoint + ", parameters=" + parameters.keySet() + "]";
    }
}
