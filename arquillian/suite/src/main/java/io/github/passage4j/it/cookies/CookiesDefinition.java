package io.github.passage4j.it.cookies;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The cookie tests' sign-in: stateless sessions and the base URL come from each WAR's configuration. */
@ApplicationScoped
@PassageAuthenticationDefinition(callerGroupsClaim = "groups")
public class CookiesDefinition {
}
