package io.github.passage4j.it.hostile;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hostile-provider test app's sign-in: issuer, client id and secret from the environment, as every test app; a
 * logout path; a short read timeout, so that a hanging provider endpoint is given up on quickly (and a test can tell
 * the bound from a hang).
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout", readTimeout = HostileDefinition.READ_TIMEOUT_MILLIS)
public class HostileDefinition {

    static final int READ_TIMEOUT_MILLIS = 2000;
}
