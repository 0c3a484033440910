package io.github.passage4j.provider;

import static io.github.passage4j.provider.Html.escape;

import java.util.List;

/**
 * Renders the login page of an authorization request. Field names are those documented on {@link LoginPage}, which
 * reads this page back the way a browser would.
 */
final class LoginPageView {

    private LoginPageView() {
    }

    /**
     * @param state  the provider
     * @param login  the authorization request waiting for a sign-in
     * @param error  a message about the previous attempt, or {@code null}
     * @param typed  what the user typed before, to show again, or {@code null}
     * @return the HTML page
     */
    static String render(ProviderState state, PendingLogin login, String error, Typed typed) {
        String action = escape(state.url(Endpoint.LOGIN));
        String requestId = "<input type=\"hidden\" name=\"" + LoginPage.REQUEST_ID + "\" value=\"" + escape(login.id()) + "\">\n";
        Typed shown = typed != null ? typed : new Typed("", true, "", true);
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sign in</h1>\n<p class=\"muted\">to <strong id=\"client\">").append(escape(login.client().id()))
                .append("</strong> with the local Passage provider at ").append(escape(state.issuer)).append("</p>\n");
        if (error != null) {
            body.append("<p class=\"error\" id=\"error\">").append(escape(error)).append("</p>\n");
        }
        List<PassageUser> users = state.users();
        if (!users.isEmpty()) {
            body.append("<form id=\"").append(LoginPage.USERS_FORM).append("\" method=\"post\" action=\"").append(action).append("\">\n")
                    .append(requestId).append("<h2>Choose a user</h2>\n");
            for (PassageUser user : users) {
                body.append("<button name=\"").append(LoginPage.USER).append("\" value=\"")
                        .append(escape(user.sub())).append("\">").append(describe(user)).append("</button>\n");
            }
            body.append("</form>\n");
        }
        body.append("<form id=\"").append(LoginPage.TYPED_USER_FORM).append("\" method=\"post\" action=\"").append(action).append("\">\n")
                .append(requestId)
                .append("<h2>").append(users.isEmpty() ? "Who are you?" : "Or sign in as someone else").append("</h2>\n")
                .append("<label>Email <input type=\"text\" inputmode=\"email\" autocomplete=\"email\" name=\"").append(LoginPage.EMAIL)
                .append("\" value=\"").append(escape(shown.email)).append("\"></label>\n")
                .append(checkbox(LoginPage.EMAIL_VERIFIED, shown.emailVerified, "Email verified"))
                .append("<label>Phone <input type=\"tel\" autocomplete=\"tel\" name=\"").append(LoginPage.PHONE)
                .append("\" value=\"").append(escape(shown.phone)).append("\"></label>\n")
                .append(checkbox(LoginPage.PHONE_NUMBER_VERIFIED, shown.phoneVerified, "Phone verified"))
                .append("<button name=\"").append(LoginPage.ACTION).append("\" value=\"")
                .append(LoginPage.ACTION_SIGN_IN).append("\">Sign in</button>\n</form>\n");
        body.append("<form id=\"").append(LoginPage.DENY_FORM).append("\" method=\"post\" action=\"").append(action).append("\">\n")
                .append(requestId)
                .append("<button name=\"").append(LoginPage.ACTION).append("\" value=\"")
                .append(LoginPage.ACTION_DENY).append("\">Cancel and deny access</button>\n</form>\n");
        return Html.page("Sign in - local Passage", body.toString());
    }

    private static String checkbox(String name, boolean checked, String label) {
        return "<label><input type=\"checkbox\" name=\"" + name + "\" value=\"true\"" + (checked ? " checked" : "")
                + "> " + escape(label) + "</label>\n";
    }

    private static String describe(PassageUser user) {
        StringBuilder text = new StringBuilder();
        if (user.email() != null) {
            text.append(escape(user.email())).append(user.emailVerified() ? " (verified)" : " (not verified)");
        }
        if (user.phone() != null) {
            text.append(text.length() > 0 ? " &middot; " : "").append(escape(user.phone()))
                    .append(user.phoneVerified() ? " (verified)" : " (not verified)");
        }
        if (text.length() == 0) {
            text.append(escape(user.sub()));
        }
        return text.append(" <span class=\"muted\">").append(escape(user.sub())).append("</span>").toString();
    }

    /** What was typed into the form, shown again when the page is rendered with an error. */
    record Typed(String email, boolean emailVerified, String phone, boolean phoneVerified) {
    }
}
