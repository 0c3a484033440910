package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns on "Sign in with Passage". The issuer, client id and client secret come from configuration only:
 * {@code passage.issuer}, {@code passage.client-id}, {@code passage.client-secret} (environment variables
 * {@code PASSAGE_ISSUER}, {@code PASSAGE_CLIENT_ID}, {@code PASSAGE_CLIENT_SECRET}).
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout")
public class PassageSignIn {
}
