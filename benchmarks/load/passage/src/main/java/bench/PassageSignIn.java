package bench;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** Variants (b) and (d): Passage4J; passage.issuer, passage.client-id and passage.client-secret come as -D options. */
@ApplicationScoped
@PassageAuthenticationDefinition
public class PassageSignIn {
}
