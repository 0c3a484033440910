package io.github.passage4j.it.algorithms;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The app of {@link PinnedAlgorithmIT}: one definition, named so that its {@code passage.pinned.*} keys come from the
 * WAR's configuration (the suite's {@code PASSAGE_*} variables name the shared provider), registered for RS256 (the
 * default {@code idTokenSigningAlg}) at a provider that also publishes an EC key and lists ES256.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(name = PinnedAlgorithmDefinition.NAME)
public class PinnedAlgorithmDefinition {

    public static final String NAME = "pinned";
}
