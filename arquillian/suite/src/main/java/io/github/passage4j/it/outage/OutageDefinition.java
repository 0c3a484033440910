package io.github.passage4j.it.outage;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outage test app's sign-in: issuer, client id and secret from the environment, as every test app; a short read
 * timeout so that a hanging provider is given up on quickly (and a test can tell the bound from a hang).
 */
@ApplicationScoped
@PassageAuthenticationDefinition(readTimeout = OutageDefinition.READ_TIMEOUT_MILLIS)
public class OutageDefinition {

    static final int READ_TIMEOUT_MILLIS = 2000;
}
