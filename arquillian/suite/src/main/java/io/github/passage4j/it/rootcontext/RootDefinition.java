package io.github.passage4j.it.rootcontext;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The root-context app's sign-in: all defaults (callback /passage/callback, logout /passage/logout, back to /). */
@ApplicationScoped
@PassageAuthenticationDefinition
public class RootDefinition {
}
