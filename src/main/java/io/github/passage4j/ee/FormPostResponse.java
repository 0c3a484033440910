package io.github.passage4j.ee;

import io.github.passage4j.oidc.SignInSecrets;
import io.github.passage4j.oidc.ThrottledLog;
import io.github.passage4j.oidc.UriRules;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code responseMode = form_post} (OAuth 2.0 Form Post Response Mode): the provider answers with a page whose form
 * the browser posts to the callback. That POST comes from the provider's site, so the browser sends none of the
 * app's {@code SameSite=Lax} cookies with it: neither the session cookie (session mode) nor the pending sign-in's
 * cookie (stateless mode). Two steps get the attempt back:
 *
 * <ol>
 *   <li><b>Binding cookie.</b> The sign-in start sets one more cookie, named after a hash of the state and holding
 *   the state itself, {@code SameSite=None; Secure; HttpOnly}, its path the callback's, kept for the attempt's
 *   lifetime: the one cookie a cross-site POST carries, and only to the callback. The provider's POST must carry
 *   it with the same state, or it is refused at once, before anything else is done: a response replayed from another
 *   browser, or a form with another state, ends here.</li>
 *   <li><b>Relay.</b> The browser then gets a small page that posts the same fields back to the callback from the
 *   app's own page: a same-site POST, which carries the Lax cookies, so the {@link SignInStateStore} (either mode)
 *   finds and consumes the attempt as for a query response, and every check that follows is the same.</li>
 * </ol>
 *
 * <p>CSRF: the binding cookie adds a check, it replaces none. A planted binding cookie (a sibling site can set one)
 * gets an attacker's response no further than the relay: the store, bound to the victim's own Lax cookies, does not
 * know the attacker's state, so login CSRF stays impossible. The relayed POST is marked ({@link #RELAYED}); a marked
 * POST whose attempt the store does not know is refused rather than relayed again.
 *
 * <p>A GET to the callback is refused, and its attempt burnt: the response that was to stay out of URLs came in one
 * (a provider that ignored the mode, or a leaked URL), and its code must not complete a sign-in.
 *
 * <p>Transport: browsers keep a {@code Secure} cookie over https, and over plain http on {@code localhost} and
 * loopback addresses (a secure context), so local development works. Over plain http on any other host the
 * binding cookie would be dropped and every sign-in fail; such a sign-in is refused at its start with a page that
 * says why.
 */
final class FormPostResponse implements AuthorizationResponse {

    private static final System.Logger LOG = System.getLogger(FormPostResponse.class.getName());
    /** Anyone can post to the callback: once per reason and minute, the rest at DEBUG. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LOG, ThrottledLog.DEFAULT_WINDOW, System::nanoTime);

    /** The binding cookies' name before the state's hash: {@code passage_formpost_<hash>}. */
    static final String COOKIE_BASE = "passage_formpost";
    /** The field that marks the app's own relayed POST. */
    static final String RELAYED = "passage_relayed";
    /**
     * The largest body taken: the response fields at their {@link AuthorizationCallback#MAX_PARAMETER_LENGTH}
     * each, with room to spare. Larger, or of unknown length, it is refused before it is read.
     */
    static final long MAX_BODY_BYTES = 5L * AuthorizationCallback.MAX_PARAMETER_LENGTH + 1024;
    /**
     * Binding cookies beyond this many, presented at the callback, are cleared (all but the one of the response's
     * state): they only reach the callback path, so the sign-in start cannot see and cap them as the stateless store
     * caps its own; abandoned sign-ins (or a page that starts many in frames) must not grow the callback's cookie
     * header past what the server accepts.
     */
    static final int MAX_BINDINGS = 8;
    /** The response fields relayed: those of RFC 6749 4.1.2 / 4.1.2.1 and RFC 9207. */
    private static final String[] RESPONSE_FIELDS = {"state", "code", "iss", "error", "error_description"};

    private final PassageSettings settings;
    private final SignInStateStore states;
    private final Duration lifetime;

    FormPostResponse(PassageSettings settings, SignInStateStore states) {
        this.settings = settings;
        this.states = states;
        this.lifetime = HttpSessionSignInStateStore.LIFETIME;
    }

    @Override
    public Optional<String> bind(HttpServletRequest request, HttpServletResponse response, SignInState attempt) {
        URI callback = callbackUri(request);
        // a Secure cookie is kept over https, and over http only on loopback (a secure context to browsers)
        if (!"https".equalsIgnoreCase(callback.getScheme()) && !UriRules.isLoopback(callback.getHost())) {
            REFUSALS.warn("form_post over http", "Passage4J: " + settings.describe() + " has responseMode "
                    + "form_post, whose binding cookie needs https (or http on localhost); the callback's host "
                    + callback.getHost() + " is reached over plain http; sign-in refused");
            return Optional.of("This app receives the sign-in response as a form post, which needs https. "
                    + "Please tell the app's administrators.");
        }
        response.addHeader("Set-Cookie", cookieName(attempt.state()) + "=" + attempt.state()
                + attributes(callback, lifetime));
        return Optional.empty();
    }

    @Override
    public Optional<AuthenticationStatus> screen(HttpServletRequest request, HttpServletResponse response) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return Optional.of(refuseInUrl(request, response));
        }
        if (!"POST".equals(method)) {
            response.setHeader("Allow", "POST");
            return Optional.of(Responses.page(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "Sign-in failed", "This app expects the sign-in response as a form post."));
        }
        // the cheap checks first, before the body is read: its type and its size
        if (!isFormEncoded(request.getContentType())) {
            REFUSALS.log(System.Logger.Level.INFO, "form_post type",
                    "Passage4J: OAuth 2.0 Form Post Response Mode 2: a POST to the callback that is no "
                            + "application/x-www-form-urlencoded form; refused");
            return Optional.of(Responses.page(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Bad request", "The sign-in response is not a form."));
        }
        long length = request.getContentLengthLong();
        if (length < 0 || length > MAX_BODY_BYTES) {
            REFUSALS.log(System.Logger.Level.INFO, "form_post size",
                    "Passage4J: OAuth 2.0 Form Post Response Mode 2: a POST to the callback of unknown or "
                            + "excessive length; refused unread");
            return Optional.of(Responses.page(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Bad request", "The sign-in response is too large."));
        }
        Optional<String> state = singleBounded(request, "state");
        if (state.isEmpty()) {
            return Optional.of(Responses.badRequest(request, response, "The sign-in response is malformed."));
        }
        clearExcessBindings(request, response, state.get());
        // the binding cookie proves that this browser started the attempt this state names
        if (!boundToThisBrowser(request, state.get())) {
            REFUSALS.log(System.Logger.Level.INFO, "form_post binding",
                    "Passage4J: OAuth 2.0 Form Post Response Mode: a posted sign-in response without this "
                            + "browser's binding cookie for its state (another browser, or a changed state); refused");
            return Optional.of(Responses.signInFailed(request, response,
                    "This sign-in response does not belong to a sign-in started in this browser. "
                            + "Please sign in again."));
        }
        if (request.getParameter(RELAYED) == null) {
            return Optional.of(relay(request, response));
        }
        // the relayed POST: the store now sees this browser's Lax cookies and decides, once
        clearCookie(request, response, state.get());
        return Optional.empty();
    }

    /** The response came in the URL although form_post was asked for: refused, and its attempt made unusable. */
    private AuthenticationStatus refuseInUrl(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> state = singleBounded(request, "state");
        if (state.isPresent()) {
            // consumed and dropped: the code this URL carries must not complete any sign-in
            states.consume(request, response, state.get());
            clearCookie(request, response, state.get());
        }
        REFUSALS.warn("form_post in url", "Passage4J: OAuth 2.0 Form Post Response Mode 2: " + settings.describe()
                + " asked for response_mode=form_post, but the response came in the callback URL; refused, the "
                + "sign-in attempt ended");
        return Responses.badRequest(request, response, "The sign-in response arrived in the address bar, though "
                + "this app asked for it as a form post. It was refused, and that sign-in cannot be completed. "
                + "Please sign in again.");
    }

    /**
     * A page that posts the response fields again, from this app's own page: a same-site POST, which carries the
     * app's Lax cookies. It submits itself; without script it shows a button.
     */
    private AuthenticationStatus relay(HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : RESPONSE_FIELDS) {
            String value = request.getParameter(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        fields.put(RELAYED, "1");
        return SelfSubmittingForm.send(response, RELAY_PAGE, callbackUri(request), fields);
    }

    /** The id of the relay page's form, by which a client (the test kit's browser) may recognise the page. */
    static final String RELAY_FORM = "passage-signin-relay";

    private static final SelfSubmittingForm.Page RELAY_PAGE = new SelfSubmittingForm.Page("Signing in", RELAY_FORM,
            "", "Continue signing in", true);

    private boolean boundToThisBrowser(HttpServletRequest request, String state) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        String name = cookieName(state);
        byte[] wanted = state.getBytes(StandardCharsets.UTF_8);
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && cookie.getValue() != null
                    && MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8), wanted)) {
                return true;
            }
        }
        return false;
    }

    private void clearExcessBindings(HttpServletRequest request, HttpServletResponse response, String state) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return;
        }
        String prefix = COOKIE_BASE + "_";
        String kept = cookieName(state);
        java.util.List<String> bindings = java.util.Arrays.stream(cookies).map(Cookie::getName)
                .filter(name -> name.startsWith(prefix)).distinct().toList();
        if (bindings.size() <= MAX_BINDINGS) {
            return;
        }
        URI callback = callbackUri(request);
        bindings.stream().filter(name -> !name.equals(kept)).forEach(name ->
                response.addHeader("Set-Cookie", name + "=" + attributes(callback, Duration.ZERO)));
    }

    private void clearCookie(HttpServletRequest request, HttpServletResponse response, String state) {
        response.addHeader("Set-Cookie", cookieName(state) + "=" + attributes(callbackUri(request), Duration.ZERO));
    }

    /** The callback as the browser sees it: the binding cookie's path, and the relay's action. */
    private URI callbackUri(HttpServletRequest request) {
        return AppUrls.resolve(request, settings.session().baseUrl(), settings.redirectUri());
    }

    /**
     * {@code SameSite=None} needs {@code Secure} (RFC 6265bis 5.6.7.7); the path keeps the cookie off every request
     * but the callback's.
     */
    static String attributes(URI callback, Duration maxAge) {
        String path = callback.getRawPath() == null || callback.getRawPath().isEmpty() ? "/" : callback.getRawPath();
        return "; Path=" + path + "; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; Secure; SameSite=None";
    }

    /** Named by a hash of the state: a tampered state finds no cookie. */
    static String cookieName(String state) {
        return COOKIE_BASE + "_" + SignInSecrets.sha256Base64Url(state).substring(0, 16);
    }

    private static boolean isFormEncoded(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/x-www-form-urlencoded");
    }

    private static Optional<String> singleBounded(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length != 1 || values[0].isEmpty()
                || values[0].length() > AuthorizationCallback.MAX_PARAMETER_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(values[0]);
    }
}
