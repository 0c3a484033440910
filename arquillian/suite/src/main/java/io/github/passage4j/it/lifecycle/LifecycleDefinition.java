package io.github.passage4j.it.lifecycle;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lifecycle test app's sign-in: refresh two seconds before expiry (the tests give tokens a few seconds of life),
 * groups from the {@code groups} claim, and element tokens of app {@value #APP_ID}.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout", callerGroupsClaim = "groups", tokenMinValidity = 2,
        appId = LifecycleDefinition.APP_ID)
public class LifecycleDefinition {

    public static final String APP_ID = "lifecycle-app";
}
