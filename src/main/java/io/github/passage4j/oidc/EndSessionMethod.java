package io.github.passage4j.oidc;

import java.util.Locale;
import java.util.Optional;

/**
 * How the browser carries the end-session request to the provider (RP-Initiated Logout 1.0 section 2: the provider
 * MUST support both GET and POST, yet real ones refuse one of them). {@link #POST} keeps the ID token out of every
 * URL and stays the default; {@link #GET} is for providers that answer a POST with an error or ignore what it posts.
 */
public enum EndSessionMethod {

    /** An auto-submitted HTML form, the parameters in the request body. */
    POST("post"),
    /** A redirect, the parameters in the query of the end-session URL. */
    GET("get");

    private final String settingValue;

    EndSessionMethod(String settingValue) {
        this.settingValue = settingValue;
    }

    /**
     * @return the value of {@code passage.end-session-method} that selects this method
     */
    public String settingValue() {
        return settingValue;
    }

    /**
     * @param text a configured value, in any case
     * @return the method it names, or empty if it names none
     */
    public static Optional<EndSessionMethod> ofSettingValue(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (EndSessionMethod method : values()) {
            if (method.settingValue.equals(wanted)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
