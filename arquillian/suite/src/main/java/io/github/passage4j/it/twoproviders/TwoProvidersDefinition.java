package io.github.passage4j.it.twoproviders;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Two providers in one app: the unnamed (default) definition, configured by {@code PASSAGE_*} as every test app is,
 * and the definition named {@code second}, configured by {@code PASSAGE_SECOND_*}, whose second factor
 * {@code /vault} needs.
 */
@ApplicationScoped
@PassageAuthenticationDefinition(logoutPath = "/logout")
@PassageAuthenticationDefinition(name = "second", logoutPath = "/logout",
        stepUp = "/vault?acr_values=urn:passage4j:acr:mfa")
public class TwoProvidersDefinition {
}
