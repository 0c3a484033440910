package io.github.passage4j.oidc;

import java.util.Arrays;
import java.util.List;

/**
 * OIDC Core 3.1.3.7 step 12: when the authorization request sent {@code acr_values}, the ID token's {@code acr} must
 * be one of them. OIDC Core 3.1.2.1 lets a provider answer with another {@code acr} than asked; a client that asked
 * for a stronger authentication (a step-up) must then refuse the sign-in, or a provider that quietly kept the weaker
 * one would grant the stronger resource.
 */
final class AuthenticationContextRule {

    static final String STEP = "OIDC Core 3.1.3.7 step 12";

    /**
     * @param idToken the validated ID token
     * @param acrValues the {@code acr_values} the authorization request sent: space-separated, in order of preference
     * @throws ProviderRejectedException when {@code acr} is missing, no string or none of the values asked for
     */
    void check(ValidatedIdToken idToken, String acrValues) throws ProviderRejectedException {
        List<String> acceptable = split(acrValues);
        if (acceptable.isEmpty()) {
            // AuthorizationParameters refuses such acr_values; should one get here, nothing was asked for
            return;
        }
        Object acr = idToken.claims().get("acr");
        if (acr == null) {
            throw new ProviderRejectedException(STEP + ": acr_values were requested but the ID token has no acr");
        }
        if (!(acr instanceof String value) || !acceptable.contains(value)) {
            throw new ProviderRejectedException(STEP + ": the ID token's acr is none of the acr_values requested ("
                    + SafeText.of(String.join(" ", acceptable)) + ")");
        }
    }

    /** OIDC Core 3.1.2.1: acr_values is a space-separated string. */
    static List<String> split(String acrValues) {
        return Arrays.stream(acrValues.split(" ")).filter(each -> !each.isEmpty()).toList();
    }
}
