package io.github.passage4j.it.cluster;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The cluster test app's sign-in: all defaults (callback {@code /passage/callback}, logout {@code /passage/logout},
 * back-channel logout {@code /passage/backchannel-logout}). What differs between the two cluster test classes
 * (session or encrypted cookies, the shared ended-sessions cache) is configuration the test writes into the WAR, as an
 * operator would set it.
 */
@ApplicationScoped
@PassageAuthenticationDefinition
public class ClusterDefinition {
}
