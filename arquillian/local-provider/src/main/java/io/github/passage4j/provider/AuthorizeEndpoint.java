package io.github.passage4j.provider;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET|POST /authorize}: validates an authorization request and shows the login page.
 *
 * <p>A request with an unknown client or a redirect URI that is missing or not allowed gets a {@code 400} error page:
 * the provider never redirects to a URI it has not validated. Any other problem goes back to the redirect URI as an
 * OAuth error, with the state. PKCE with S256 is required. A {@code request_uri} from {@code /par} (RFC 9126) or a
 * signed {@code request} object (RFC 9101) supplies the parameters instead ({@link AuthorizationRequestResolver}).
 */
final class AuthorizeEndpoint implements Handler {

    /** RFC 7636: a S256 challenge is base64url of 32 bytes (43 characters); the grammar allows 43 to 128. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final ProviderState state;
    private final AuthorizationRequestResolver resolver;

    AuthorizeEndpoint(ProviderState state) {
        this.state = state;
        this.resolver = new AuthorizationRequestResolver(state);
    }

    @Override
    public Response handle(Request request) {
        String repeated = request.repeatedParameter();
        if (repeated != null) {
            return errorPage("Invalid request", "The parameter " + repeated + " is given more than once.");
        }
        // RFC 9126 4 / RFC 9101 5: a pushed request or a request object replaces the query's parameters
        AuthorizationRequestResolver.Resolved resolved = resolver.resolve(request);
        if (resolved.refusal() != null) {
            return resolved.refusal();
        }
        request = resolved.request();
        String clientId = request.parameter("client_id");
        RegisteredClient client = state.client(clientId);
        if (client == null) {
            return errorPage("Unknown client", clientId == null || clientId.isEmpty()
                    ? "The request has no client_id." : "No client is registered with the id " + clientId + ".");
        }
        String redirectUri = request.parameter("redirect_uri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            return errorPage("Invalid redirect URI", "The request has no redirect_uri.");
        }
        if (!client.allowsRedirect(redirectUri)) {
            return errorPage("Invalid redirect URI", "The redirect_uri " + redirectUri + " is not allowed for client " + client.id() + ".");
        }
        String clientState = request.parameter("state");
        // OAuth 2.0 Form Post Response Mode 2: errors too go back as the request asked
        boolean formPost = "form_post".equals(request.parameter("response_mode"));
        Behaviour.AuthorizationError forced = state.behaviour.takeAuthorizationError();
        if (forced != null) {
            return AuthorizationRedirects.error(state, redirectUri, forced.error(), forced.description(), clientState,
                    formPost);
        }
        // OIDC Core 3.1.2.1: the form of max_age and prompt first, so "none login" is malformed, not login_required
        String problem = AuthorizationRequests.problem(request);
        if (problem == null) {
            problem = problem(request, state.behaviour.pkceRequired(client.id()));
        }
        if (problem != null) {
            int split = problem.indexOf(' ');
            return AuthorizationRedirects.error(state, redirectUri, problem.substring(0, split), problem.substring(split + 1), clientState,
                    formPost);
        }
        Set<String> scopes = Scopes.granted(request.parameter("scope"));
        PendingLogin login = new PendingLogin(Randoms.token(24), client, redirectUri, clientState,
                request.parameter("nonce"), scopes, emptyToNull(request.parameter("code_challenge")), Instant.now().plus(Grants.LOGIN_LIFETIME),
                emptyToNull(request.parameter("acr_values")));
        state.grants.addLogin(login);
        state.formPosts.remember(login.id(), request.parameter("response_mode"));
        state.authorizationRequests.record(request);
        // RFC 9449 10: the code of this request is redeemable only with a proof of this key
        state.dpop.expectKey(login.codeChallenge(), request.parameter("dpop_jkt"));
        return Response.html(200, LoginPageView.render(state, login, null, null)).noStore();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** @return {@code "<error> <description>"} for the first problem with the request, or {@code null} */
    private static String problem(Request request, boolean pkceRequired) {
        String responseType = request.parameter("response_type");
        if (responseType == null || responseType.isEmpty()) {
            return "invalid_request response_type is required";
        }
        if (!"code".equals(responseType)) {
            return "unsupported_response_type Only response_type=code is supported";
        }
        String responseMode = request.parameter("response_mode");
        if (responseMode != null && !"query".equals(responseMode) && !"form_post".equals(responseMode)) {
            return "invalid_request Only response_mode=query and form_post are supported";
        }
        if (!Scopes.requested(request.parameter("scope")).contains(Scopes.OPENID)) {
            return "invalid_scope The scope must include openid";
        }
        String challenge = request.parameter("code_challenge");
        if ((challenge == null || challenge.isEmpty()) && pkceRequired) {
            return "invalid_request PKCE is required: code_challenge is missing";
        }
        if (challenge == null || challenge.isEmpty()) {
            // PKCE left out by a client allowed to (Behaviour#pkceOptional): no challenge at all.
            if (request.parameter("code_challenge_method") != null) {
                return "invalid_request code_challenge_method without code_challenge";
            }
        } else if (!"S256".equals(request.parameter("code_challenge_method"))) {
            return "invalid_request code_challenge_method must be S256";
        }
        if (challenge != null && !challenge.isEmpty() && !CODE_CHALLENGE.matcher(challenge).matches()) {
            return "invalid_request code_challenge is malformed";
        }
        // reached only from inside a request object or a pushed request, which must not nest (RFC 9101 4)
        if (request.parameter("request") != null) {
            return "invalid_request_object A request object must not carry request";
        }
        if (request.parameter("request_uri") != null) {
            return "invalid_request_object A pushed request or request object must not carry request_uri";
        }
        String prompt = request.parameter("prompt");
        if (prompt != null && Scopes.requested(prompt).contains("none")) {
            // There is no single sign-on session here, so a user can never be signed in silently.
            return "login_required The user must sign in";
        }
        return null;
    }

    private static Response errorPage(String title, String message) {
        return Response.html(400, Html.errorPage(title, message));
    }
}
