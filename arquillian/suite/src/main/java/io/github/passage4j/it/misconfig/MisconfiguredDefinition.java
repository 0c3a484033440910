package io.github.passage4j.it.misconfig;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** A sign-in definition with a malformed attribute: a logout path must be a path of the app, starting with /. */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = MisconfiguredDefinition.MALFORMED_LOGOUT_PATH)
public class MisconfiguredDefinition {

    static final String MALFORMED_LOGOUT_PATH = "no-leading-slash";
}
