package io.github.passage4j.it.tokens;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The app of {@link EncryptedTokensIT}: one definition, named so that its {@code passage.tokens.*} keys come from the
 * WAR's configuration, registered for encrypted ID tokens and signed userinfo; the decryption key and the switches
 * are configuration ({@code passage.tokens.decryption-key}, {@code .id-token-encrypted}, {@code .userinfo}).
 */
@ApplicationScoped
@PassageAuthenticationDefinition(name = EncryptedTokensDefinition.NAME)
public class EncryptedTokensDefinition {

    public static final String NAME = "tokens";
}
