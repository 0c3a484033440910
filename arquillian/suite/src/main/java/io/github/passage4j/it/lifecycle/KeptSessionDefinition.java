package io.github.passage4j.it.lifecycle;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sign-in of {@code SessionKeptAfterExpiryIT}: {@code passage.end-session-at-token-expiry=false} and
 * {@code passage.end-session-endpoint} come from the WAR's configuration.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout")
public class KeptSessionDefinition {
}
