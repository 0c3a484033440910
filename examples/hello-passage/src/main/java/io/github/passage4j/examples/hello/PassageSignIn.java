package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns on "Sign in with Passage". The issuer, client id and client secret come from configuration only:
 * {@code passage.issuer}, {@code passage.client-id}, {@code passage.client-secret} (environment variables
 * {@code PASSAGE_ISSUER}, {@code PASSAGE_CLIENT_ID}, {@code PASSAGE_CLIENT_SECRET}).
 *
 * <p>What comes with it: {@code /logout} signs out here and at the provider; the provider's back-channel logouts
 * arrive at {@code /passage/backchannel-logout}; {@code /api/*} accepts the session of a sign-in and bearer access
 * tokens alike; roles come from {@link AdminIdentityStore}; {@code /account} ({@link AccountServlet}) needs a sign-in
 * of the last 10 minutes, or what {@code PASSAGE_STEP_UP} says instead.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout", stepUp = "/account?max_age=600")
public class PassageSignIn {
}
