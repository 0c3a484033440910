package io.github.passage4j.it.formpost;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The form-post tests' sign-in: the provider posts its response to the callback (OAuth 2.0 Form Post Response Mode).
 * Session or stateless mode comes from each WAR's configuration.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(responseMode = "form_post")
public class FormPostDefinition {
}
