package io.github.passage4j.oidc;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the provider returns the authorization response to the app's callback (OAuth 2.0 Multiple Response Type
 * Encoding Practices 2.1, OAuth 2.0 Form Post Response Mode 2).
 *
 * <p>Only the two modes that deliver a plain {@code code} to a server are offered. {@code fragment} is never
 * one: a server does not see a URL's fragment. The JWT Secured Authorization Response Mode (JARM: {@code jwt},
 * {@code query.jwt}, {@code form_post.jwt}) would need the response's signature checked before the state, which
 * the callback does not do yet; a setting naming it is refused rather than quietly sent as a plain mode.
 */
public enum ResponseMode {

    /**
     * The response in the callback URL's query: the default of the {@code code} response type, so the
     * {@code response_mode} parameter is not sent.
     */
    QUERY("query"),
    /**
     * The response as an HTML form the browser posts to the callback (OAuth 2.0 Form Post Response Mode 2): code and
     * state never appear in a URL, where history, logs and the {@code Referer} would keep them. Apple and Microsoft
     * Entra ID ask for it (Apple requires it whenever the {@code name} or {@code email} scope is requested).
     */
    FORM_POST("form_post");

    private final String parameterValue;

    ResponseMode(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** @return the value as {@code response_mode} and the setting spell it */
    public String parameterValue() {
        return parameterValue;
    }

    /**
     * @param text a setting's value, in any case
     * @return the mode it names, or empty when it names none this library offers
     */
    public static Optional<ResponseMode> ofSettingValue(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip().toLowerCase(Locale.ROOT);
        for (ResponseMode mode : values()) {
            if (mode.parameterValue.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a setting's value names no offered mode, for the deployment's message.
     *
     * @param text the setting's value
     * @return what is wrong with it and what is offered
     */
    public static String whyNotOffered(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("jwt") || value.endsWith(".jwt")) {
            return "JARM response modes (" + SafeText.of(value) + ") are not supported yet: their signed response "
                    + "would have to be verified before its state is read; use query or form_post";
        }
        if (value.equals("fragment")) {
            return "OAuth 2.0 Multiple Response Types 2.1: fragment never reaches a server, and the code flow's "
                    + "callback runs on the server; use query or form_post";
        }
        return "must be query or form_post";
    }

    /**
     * OIDC Discovery 1.0 section 3 / RFC 8414 2: a provider that lists {@code response_modes_supported} offers only
     * those; one that lists none is not held to it (the discovery default, query and fragment, is too often
     * incomplete: providers that accept form_post leave the list out).
     *
     * @param metadata the provider's metadata
     * @throws ProviderRejectedException naming the setting when the provider lists its modes without this one
     */
    public void checkSupportedBy(ProviderMetadata metadata) throws ProviderRejectedException {
        Objects.requireNonNull(metadata, "metadata");
        if (this == QUERY || metadata.responseModesSupported().isEmpty()) {
            return;
        }
        if (!metadata.responseModesSupported().contains(parameterValue)) {
            throw new ProviderRejectedException("OIDC Discovery 3: responseMode (passage.response-mode) is "
                    + parameterValue + ", but the provider's response_modes_supported lists only "
                    + SafeText.of(String.join(", ", metadata.responseModesSupported())));
        }
    }
}
