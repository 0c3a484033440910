package io.github.passage4j.ee;

import java.util.regex.Pattern;

/** Makes a provider's {@code error} value fit to show and log: only the shape RFC 6749 gives error codes. */
final class ErrorCodes {

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private ErrorCodes() {
    }

    static String safe(String error) {
        return error != null && ERROR_CODE.matcher(error).matches() ? error : "unknown error";
    }

    /**
     * What an operator should check when the provider refused the sign-in for a reason of this app's
     * configuration: RFC 6749 5.2 {@code invalid_client} means the provider does not know the client or does not
     * accept its credentials.
     *
     * @param refusal the refusal's message
     * @param settings the definition whose sign-in was refused
     * @return the hint, starting with a space; empty when there is none
     */
    static String operatorHint(String refusal, PassageSettings settings) {
        if (refusal == null || !refusal.contains("error invalid_client")) {
            return "";
        }
        String prefix = settings.isUnnamed() ? "passage." : "passage." + settings.name() + ".";
        return " (the provider does not accept this client: check " + prefix + "client-id / "
                + SettingsResolver.environmentVariable(prefix + "client-id") + ", " + prefix + "client-secret / "
                + SettingsResolver.environmentVariable(prefix + "client-secret") + " and " + prefix
                + "token-endpoint-auth-method against the client registered at the provider)";
    }
}
