package io.github.passage4j.it.lifecycle;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lifecycle test app's sign-in: refresh a minute before expiry (the tests have the provider issue tokens with
 * less left, so a refresh is due at once, with no wait),
 * groups from the {@code groups} claim, and element tokens of app {@value #APP_ID}.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout", callerGroupsClaim = "groups", tokenMinValidity = 60,
        appId = LifecycleDefinition.APP_ID)
public class LifecycleDefinition {

    public static final String APP_ID = "lifecycle-app";
}
