package io.github.passage4j;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sign-in that code asks for: a servlet or JAX-RS resource that wants the user to authenticate again
 * ({@code prompt=login}), recently ({@code max_age}), more strongly ({@code acr_values}) or as someone in particular
 * ({@code login_hint}) sends the browser to the app's {@link PassageAuthenticationDefinition#SIGN_IN_PATH} with these
 * parameters, and the library starts the sign-in with them:
 *
 * <pre>{@code
 * PassageSignIn.with().prompt("login").maxAge(Duration.ofMinutes(5)).returnTo("/transfer")
 *         .redirect(request, response);
 * }</pre>
 *
 * <p>Immutable: each method returns a new value. The sign-in path is the authority on the values: it answers 400 for
 * an invalid {@code prompt} (OIDC Core 3.1.2.1: {@code none}, {@code login}, {@code consent},
 * {@code select_account}, {@code none} alone), a {@code max_age} that is no non-negative number, a value over 512
 * characters or with a control character. When {@code max_age} was sent, the sign-in succeeds only with an ID token
 * whose {@code auth_time} is recent enough (OIDC Core 3.1.3.7 step 13). These parameters override the definition's
 * {@link PassageAuthenticationDefinition#extraParameters()} name by name; {@code state}, {@code nonce},
 * {@code redirect_uri} and the other parameters that protect the sign-in cannot be set at all.
 */
public final class PassageSignIn {

    private static final Pattern DEFINITION_NAME = Pattern.compile("[a-z0-9-]+");

    private final String definition;
    private final Map<String, String> parameters;
    private final String returnTo;

    private PassageSignIn(String definition, Map<String, String> parameters, String returnTo) {
        this.definition = definition;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.returnTo = returnTo;
    }

    /** @return a sign-in with the unnamed definition and no parameters yet */
    public static PassageSignIn with() {
        return new PassageSignIn("", Map.of(), null);
    }

    /**
     * @param name the {@link PassageAuthenticationDefinition#name()} to sign in with; empty for the unnamed one
     * @return this sign-in with that definition
     */
    public PassageSignIn definition(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.isEmpty() && !DEFINITION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a definition name consists of lower-case letters, digits and '-'");
        }
        return new PassageSignIn(name, parameters, returnTo);
    }

    /**
     * @param values {@code login} (authenticate again), {@code consent}, {@code select_account}, or {@code none}
     * @return this sign-in with {@code prompt}
     */
    public PassageSignIn prompt(String... values) {
        return parameter("prompt", String.join(" ", values));
    }

    /**
     * @param maxAge how long ago the user may have authenticated at most; whole seconds are sent
     * @return this sign-in with {@code max_age}
     */
    public PassageSignIn maxAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("OIDC Core 3.1.2.1: max_age must not be negative");
        }
        return parameter("max_age", Long.toString(maxAge.toSeconds()));
    }

    /**
     * @param values the authentication context classes asked for, in order of preference
     * @return this sign-in with {@code acr_values}
     */
    public PassageSignIn acrValues(String... values) {
        return parameter("acr_values", String.join(" ", values));
    }

    /**
     * @param hint the user's identifier as the provider knows it, e.g. an e-mail address
     * @return this sign-in with {@code login_hint}
     */
    public PassageSignIn loginHint(String hint) {
        return parameter("login_hint", hint);
    }

    /**
     * @param languageTags the languages for the provider's pages, as BCP 47 tags ({@code de}, {@code en-GB})
     * @return this sign-in with {@code ui_locales}
     */
    public PassageSignIn uiLocales(String... languageTags) {
        return parameter("ui_locales", String.join(" ", languageTags));
    }

    /**
     * @param path the path of this app (from its context root, starting with {@code /}) to show after sign-in;
     *     anything else makes the sign-in end at the app root
     * @return this sign-in returning there
     */
    public PassageSignIn returnTo(String path) {
        return new PassageSignIn(definition, parameters, Objects.requireNonNull(path, "path"));
    }

    private PassageSignIn parameter(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        Map<String, String> changed = new LinkedHashMap<>(parameters);
        changed.put(name, value);
        return new PassageSignIn(definition, changed, returnTo);
    }

    /**
     * @return the sign-in path with its query, relative to the app's context root:
     *     {@code /passage/signin?return=%2Ftransfer&prompt=login&max_age=300}
     */
    public String path() {
        StringBuilder path = new StringBuilder(PassageAuthenticationDefinition.SIGN_IN_PATH);
        if (!definition.isEmpty()) {
            path.append('/').append(definition);
        }
        char separator = '?';
        if (returnTo != null) {
            path.append(separator).append("return=").append(encode(returnTo));
            separator = '&';
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return path.toString();
    }

    /**
     * @param request a request of this app
     * @return the sign-in path under the app's context root, for a link or a redirect
     */
    public String url(HttpServletRequest request) {
        return request.getContextPath() + path();
    }

    /**
     * Sends the browser to the sign-in (302).
     *
     * @param request the request being answered
     * @param response its response, not yet committed
     * @throws IOException if the redirect cannot be sent
     */
    public void redirect(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(url(request));
    }

    /** @return the parameters to send, in order; unmodifiable */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "PassageSignIn[definition=" + definition + ", parameters=" + parameters.keySet() + "]";
    }

    private static String encode(String value) {
        // %20, not '+': the same in a query whether it is read as a form or as a URI
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
