package io.github.passage4j.it.signin;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The test app's sign-in: issuer, client id and secret come from the server's system properties. */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout", callerGroupsClaim = "groups")
public class SignInDefinition {
}
