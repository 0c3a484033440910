package io.github.passage4j.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Authentication Context Class (OIDC Core 2, {@code acr}) each provider session was authenticated with, named by
 * its {@code sid}: every ID token of the session says it, the first and the refreshed ones alike. A sign-in whose
 * request sent {@code acr_values} (OIDC Core 3.1.2.1) is authenticated with the first of them this provider offers
 * ({@link #SUPPORTED}); one without gets no {@code acr} at all, as many providers do.
 */
final class AuthenticationContexts {

    /** A password alone. */
    static final String PASSWORD = "urn:passage4j:acr:password";
    /** A password and a second factor: what a step-up asks for. */
    static final String MFA = "urn:passage4j:acr:mfa";
    /** What discovery lists as {@code acr_values_supported}, weakest first. */
    static final List<String> SUPPORTED = List.of(PASSWORD, MFA);

    private final Map<String, String> bySession = new ConcurrentHashMap<>();

    /**
     * @param acrValues the {@code acr_values} of the authorization request, or null
     * @return the class the login page authenticates with: the first requested one offered, the password when none
     *         of them is, and none (null) when nothing was asked
     */
    static String answering(String acrValues) {
        if (acrValues == null || acrValues.isBlank()) {
            return null;
        }
        return Arrays.stream(acrValues.split(" ")).filter(SUPPORTED::contains).findFirst().orElse(PASSWORD);
    }

    void record(String sessionId, String acr) {
        if (acr != null) {
            bySession.put(sessionId, acr);
        }
    }

    /** @return the session's class, or null when it was authenticated without one */
    String of(String sessionId) {
        return sessionId == null ? null : bySession.get(sessionId);
    }
}
