package io.github.passage4j.provider;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /login}: what the login page posts. Signs the user in (a seeded user, or one typed into the form) and
 * redirects back to the client with a fresh authorization code; or, for the cancel button, with
 * {@code error=access_denied}.
 */
final class LoginEndpoint implements Handler {

    private static final Set<String> CHECKED = Set.of("true", "on", "1", "yes");

    private final ProviderState state;

    LoginEndpoint(ProviderState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        PendingLogin login = state.grants.login(request.formParameter(LoginPage.REQUEST_ID));
        if (login == null) {
            return Response.html(400, Html.errorPage("Sign-in request expired",
                    "This sign-in request is unknown, expired or already used. Start again from the application."));
        }
        if (LoginPage.ACTION_DENY.equals(request.formParameter(LoginPage.ACTION))) {
            if (!state.grants.completeLogin(login)) {
                return alreadyUsed();
            }
            return AuthorizationRedirects.error(state, login, "access_denied", "The user cancelled the sign-in");
        }
        PassageUser user;
        String sub = request.formParameter(LoginPage.USER);
        if (sub != null && !sub.isEmpty()) {
            user = state.user(sub);
            if (user == null) {
                return again(login, "There is no user " + sub + ".", null);
            }
        } else {
            LoginPageView.Typed typed = new LoginPageView.Typed(text(request, LoginPage.EMAIL), checked(request, LoginPage.EMAIL_VERIFIED),
                    text(request, LoginPage.PHONE), checked(request, LoginPage.PHONE_NUMBER_VERIFIED));
            if (typed.email().isEmpty() && typed.phone().isEmpty()) {
                return again(login, "Enter an email address or a phone number.", typed);
            }
            user = PassageUser.builder().email(typed.email()).emailVerified(typed.emailVerified())
                    .phone(typed.phone()).phoneVerified(typed.phoneVerified()).build();
        }
        if (!state.grants.completeLogin(login)) {
            return alreadyUsed();
        }
        String code = Randoms.token(32);
        String sessionId = Randoms.token(16);
        state.authenticationContexts.record(sessionId, AuthenticationContexts.answering(login.acrValues()));
        state.grants.addCode(new AuthorizationCode(code, login.client().id(), login.redirectUri(), login.codeChallenge(),
                login.nonce(), login.scopes(), user, state.behaviour.clock().instant(), sessionId,
                Instant.now().plus(state.behaviour.authorizationCodeLifetime())));
        return AuthorizationRedirects.code(state, login, code);
    }

    private Response again(PendingLogin login, String error, LoginPageView.Typed typed) {
        return Response.html(400, LoginPageView.render(state, login, error, typed)).noStore();
    }

    private static Response alreadyUsed() {
        return Response.html(400, Html.errorPage("Sign-in request used", "This sign-in request was already completed."));
    }

    private static String text(Request request, String name) {
        String value = request.formParameter(name);
        return value == null ? "" : value.trim();
    }

    private static boolean checked(Request request, String name) {
        String value = request.formParameter(name);
        return value != null && CHECKED.contains(value.toLowerCase(Locale.ROOT));
    }
}
