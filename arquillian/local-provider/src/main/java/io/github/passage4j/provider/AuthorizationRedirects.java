package io.github.passage4j.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the redirects back to a client's (already validated) redirect URI. */
final class AuthorizationRedirects {

    private AuthorizationRedirects() {
    }

    /**
     * @return a redirect carrying the code, the state and the issuer (RFC 9207 {@code iss}, against mix-up attacks), as
     *         {@link Behaviour#authorizationResponseIssuer(java.util.function.UnaryOperator)} has it
     */
    static Response code(ProviderState state, String redirectUri, String code, String clientState) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", clientState);
        putIssuer(state, params);
        return Response.redirect(FormCodec.appendQuery(redirectUri, params));
    }

    /** @return a redirect carrying an OAuth error (RFC 6749 4.1.2.1), the state and the issuer */
    static Response error(ProviderState state, String redirectUri, String error, String description, String clientState) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", clientState);
        putIssuer(state, params);
        return Response.redirect(FormCodec.appendQuery(redirectUri, params));
    }

    /**
     * The code for a login, as the authorization request asked: a redirect, or for {@code response_mode=form_post}
     * a self-submitting form ({@link FormPostResponses}), flawed as {@link Behaviour#formPost} says.
     */
    static Response code(ProviderState state, PendingLogin login, String code) {
        boolean formPost = state.formPosts.take(login.id());
        if (!formPost) {
            return code(state, login.redirectUri(), code, login.state());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", login.state());
        putIssuer(state, params);
        return formPost(state, login.redirectUri(), params);
    }

    /** An OAuth error for a login, in the response mode the authorization request asked for. */
    static Response error(ProviderState state, PendingLogin login, String error, String description) {
        if (!state.formPosts.take(login.id())) {
            return error(state, login.redirectUri(), error, description, login.state());
        }
        return error(state, login.redirectUri(), error, description, login.state(), true);
    }

    /** An OAuth error, posted as a form when {@code formPost} (OAuth 2.0 Form Post Response Mode 2), else redirected. */
    static Response error(ProviderState state, String redirectUri, String error, String description,
                          String clientState, boolean formPost) {
        if (!formPost) {
            return error(state, redirectUri, error, description, clientState);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", clientState);
        putIssuer(state, params);
        return formPost(state, redirectUri, params);
    }

    private static Response formPost(ProviderState state, String redirectUri, Map<String, String> params) {
        switch (state.behaviour.formPost()) {
            case ANSWERED_AS_REDIRECT -> {
                // hostile: the response mode ignored, the response in the URL after all
                return Response.redirect(FormCodec.appendQuery(redirectUri, params));
            }
            case STATE_TAMPERED -> {
                String original = params.get("state");
                if (original != null && !original.isEmpty()) {
                    char last = original.charAt(original.length() - 1);
                    params.put("state", original.substring(0, original.length() - 1) + (last == 'A' ? 'B' : 'A'));
                }
            }
            case NONE -> {
                // as OAuth 2.0 Form Post Response Mode 2 asks
            }
        }
        return FormPostResponses.page(redirectUri, params);
    }

    private static void putIssuer(ProviderState state, Map<String, String> params) {
        String iss = state.behaviour.authorizationResponseIssuer().apply(state.issuer);
        if (iss != null) {
            params.put("iss", iss);
        }
    }
}
