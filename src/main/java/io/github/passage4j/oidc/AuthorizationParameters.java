package io.github.passage4j.oidc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra parameters of an authorization request (OIDC Core 3.1.2.1): {@code prompt}, {@code max_age},
 * {@code login_hint} and the like, beside the ones the library sets itself. Immutable and validated when built.
 *
 * <p>Two sources make them: the deployment ({@link #ofSetting}, any parameter name but the {@link #PROTECTED} ones)
 * and a browser's sign-in request ({@link #ofRequest}, only the {@link #REQUEST_ALLOW_LIST}). Neither can replace a
 * parameter the library sets to protect the sign-in ({@code state}, {@code nonce}, PKCE, {@code redirect_uri},
 * {@code client_id}, {@code response_type}, {@code request}, {@code request_uri}, {@code dpop_jkt}), nor change
 * {@code scope}, which has its own setting and always holds {@code openid}. Every value is bounded in length and free
 * of control characters; the values OIDC Core defines ({@code prompt}, {@code max_age}, {@code display}) are checked
 * against their definition.
 */
public final class AuthorizationParameters {

    /** No extra parameters. */
    public static final AuthorizationParameters NONE = new AuthorizationParameters(Map.of());

    /**
     * What neither a setting nor a request may set: the library's own protection of the sign-in (state, nonce, PKCE,
     * the redirect, the client, the request object or pushed reference, the DPoP binding, the response mode the
     * callback expects), {@code scope}, which has its own setting that always keeps {@code openid}, and the two
     * JSON-valued parameters of OIDC Core 3.1.2.1 / 5.5 ({@code registration}, {@code claims}): as strings they would
     * be wrong inside a request object, and {@code claims} asks for more of the user's data than the scopes grant.
     */
    public static final Set<String> PROTECTED = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method", "request", "request_uri", "dpop_jkt",
            "response_mode", "registration", "claims",
            // the client's credentials (RFC 6749 2.3.1, RFC 7523 2.2) would leak into the browser's URL, and collide
            // with the client authentication of a pushed request; a token belongs to a session, not to a setting
            "client_secret", "client_assertion", "client_assertion_type", "id_token_hint");

    /**
     * @param name a parameter name as given
     * @return whether it is {@link #PROTECTED}, in any case: some providers read parameter names case-insensitively
     */
    public static boolean isProtected(String name) {
        return PROTECTED.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The parameters a browser's sign-in request may pass on (OIDC Core 3.1.2.1): they shape how the provider
     * authenticates the user, and none of them widens what the app is granted. Not among them: {@code id_token_hint}
     * (a request has no business naming a token; a later step-up takes it from the session), {@code claims} (asks
     * for more of the user's data), {@code response_mode} (the callback's business).
     */
    public static final Set<String> REQUEST_ALLOW_LIST = Set.of("prompt", "login_hint", "acr_values", "max_age",
            "ui_locales", "claims_locales", "display");

    /** OIDC Core 3.1.2.1: the defined prompt values; {@code none} must stand alone. */
    static final Set<String> PROMPT_VALUES = Set.of("none", "login", "consent", "select_account");
    /** OIDC Core 3.1.2.1: the defined display values. */
    static final Set<String> DISPLAY_VALUES = Set.of("page", "popup", "touch", "wap");
    /** Bounds that no honest value comes near; a longer one is refused before anything else is done with it. */
    static final int MAX_VALUE_LENGTH = 512;
    static final int MAX_PARAMETERS = 16;
    /** A parameter name as OAuth registers them: letters, digits, '_', '-' and '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** max_age: a non-negative decimal number of seconds, at most ten digits (more than 300 years). */
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");

    private final Map<String, String> values;

    private AuthorizationParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parameters from the deployment's settings: any name but the {@link #PROTECTED} ones.
     *
     * @param parameters the names and values, in the order to send them
     * @return the validated parameters
     * @throws IllegalArgumentException naming the parameter and the rule it breaks
     */
    public static AuthorizationParameters ofSetting(Map<String, String> parameters) {
        return of(parameters, null);
    }

    /**
     * Parameters from a browser's sign-in request: only the {@link #REQUEST_ALLOW_LIST}.
     *
     * @param parameters the names and values
     * @return the validated parameters
     * @throws IllegalArgumentException naming the parameter and the rule it breaks
     */
    public static AuthorizationParameters ofRequest(Map<String, String> parameters) {
        return of(parameters, REQUEST_ALLOW_LIST);
    }

    private static AuthorizationParameters of(Map<String, String> parameters, Set<String> allowed) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " extra authorization parameters");
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = Objects.requireNonNull(parameter.getKey(), "parameter name");
            String value = Objects.requireNonNull(parameter.getValue(), "value of " + name);
            // the cheap checks first: length and characters, before anything reads the value
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("OIDC Core 3.1.2.1: '" + SafeText.of(name)
                        + "' is no authorization parameter name");
            }
            if (isProtected(name)) {
                throw new IllegalArgumentException("OIDC Core 3.1.2.1: the authorization parameter " + name
                        + " is set by the library and cannot be replaced");
            }
            if (allowed != null && !allowed.contains(name)) {
                throw new IllegalArgumentException("OIDC Core 3.1.2.1: the authorization parameter " + name
                        + " cannot be given by a request; allowed are " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            checkValue(name, value);
        }
        return new AuthorizationParameters(parameters);
    }

    private static void checkValue(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("OIDC Core 3.1.2.1: the value of " + name + " must have 1 to "
                    + MAX_VALUE_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("OIDC Core 3.1.2.1: the value of " + name
                    + " contains a control character");
        }
        switch (name) {
            case "prompt" -> checkPrompt(value);
            case "max_age" -> {
                // OIDC Core 3.1.2.1: max_age is a non-negative number of seconds
                if (!MAX_AGE.matcher(value).matches()) {
                    throw new IllegalArgumentException("OIDC Core 3.1.2.1: max_age must be a non-negative whole "
                            + "number of seconds");
                }
            }
            case "acr_values" -> {
                // OIDC Core 3.1.2.1: a space-separated list; one of spaces only would ask for nothing
                if (value.isBlank()) {
                    throw new IllegalArgumentException("OIDC Core 3.1.2.1: acr_values must name at least one value");
                }
            }
            case "display" -> {
                if (!DISPLAY_VALUES.contains(value)) {
                    throw new IllegalArgumentException("OIDC Core 3.1.2.1: display must be one of page, popup, "
                            + "touch, wap");
                }
            }
            default -> {
                // other values are the provider's to interpret
            }
        }
    }

    private static void checkPrompt(String value) {
        Set<String> prompts = new LinkedHashSet<>();
        for (String prompt : value.split(" ", -1)) {
            if (!PROMPT_VALUES.contains(prompt)) {
                throw new IllegalArgumentException("OIDC Core 3.1.2.1: prompt is a space-separated list of none, "
                        + "login, consent, select_account");
            }
            if (!prompts.add(prompt)) {
                throw new IllegalArgumentException("OIDC Core 3.1.2.1: prompt repeats " + prompt);
            }
        }
        if (prompts.contains("none") && prompts.size() > 1) {
            throw new IllegalArgumentException("OIDC Core 3.1.2.1: prompt none must not be combined with another "
                    + "value");
        }
    }

    /**
     * These parameters (the deployment's) with a request's added. A request cannot weaken what the deployment asks
     * for: a name the deployment set keeps the deployment's value ({@code prompt=login} stays, its
     * {@code acr_values} stay), except {@code max_age}, where the stricter (smaller) of the two wins, so a request
     * can ask for a more recent authentication but never accept an older one.
     *
     * @param requested the request's parameters
     * @return both together; already validated, since each part was
     * @throws IllegalArgumentException when together they are more than {@link #MAX_PARAMETERS}
     */
    public AuthorizationParameters with(AuthorizationParameters requested) {
        Objects.requireNonNull(requested, "requested");
        if (requested.values.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        requested.values.forEach((name, value) -> merged.merge(name, value, (deployment, request) ->
                "max_age".equals(name) && Long.parseLong(request) < Long.parseLong(deployment) ? request : deployment));
        if (merged.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " extra authorization parameters");
        }
        return new AuthorizationParameters(merged);
    }

    /**
     * These parameters for a sign-in that must meet a step-up requirement: its {@code acr_values} replace any set
     * here, since a weaker class asked for by the deployment would only be refused afterwards (OIDC Core 3.1.3.7
     * step 12); its {@code max_age} applies when smaller than one set here.
     *
     * @param requirement what the resource requires
     * @return these parameters shaped by the requirement
     * @throws IllegalArgumentException when together they are more than {@link #MAX_PARAMETERS}
     */
    public AuthorizationParameters requiring(AuthenticationRequirement requirement) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        requirement.asParameters().forEach((name, value) -> merged.merge(name, value, (here, required) ->
                "max_age".equals(name) && Long.parseLong(here) < Long.parseLong(required) ? here : required));
        if (merged.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " extra authorization parameters");
        }
        return new AuthorizationParameters(merged);
    }

    /** @return the parameters, in their order; unmodifiable */
    public Map<String, String> asMap() {
        return values;
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return {@code max_age} in seconds, when sent (OIDC Core 3.1.3.7 step 13 then applies) */
    public Optional<Long> maxAge() {
        return Optional.ofNullable(values.get("max_age")).map(Long::valueOf);
    }

    /** @return {@code acr_values}, when sent */
    public Optional<String> acrValues() {
        return Optional.ofNullable(values.get("acr_values"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthorizationParameters that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The names only: a login hint is personal data and stays out of logs. */
    @Override
    public String toString() {
        return "AuthorizationParameters" + values.keySet();
    }
}
