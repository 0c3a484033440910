package io.github.passage4j.it.signin;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The test app's sign-in: issuer, client id and secret come from the server's system properties. Pages below
 * {@code /stepped-up/} and the payments API need a second factor, {@code /recent} an authentication of the last 5
 * minutes.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout", callerGroupsClaim = "groups",
        stepUp = {"/stepped-up/*?acr_values=urn:passage4j:acr:mfa", "/api/payments/*?acr_values=urn:passage4j:acr:mfa",
            "/recent?max_age=300"})
public class SignInDefinition {
}
