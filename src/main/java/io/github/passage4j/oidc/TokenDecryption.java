package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;

import java.text.ParseException;

/**
 * Decrypts what the provider encrypted to the client's {@link DecryptionKey} (OIDC Core 10.2): nested ID tokens
 * (a JWE whose payload is the signed ID token, OIDC Core 3.1.3.7 step 1) and userinfo responses (5.3.2).
 *
 * <p>Cheap checks come first, since anyone who can put a token in front of us can make us decrypt: the size, the
 * five-segment shape, then the header ({@code alg} the configured one, {@code enc} A256GCM, no {@code zip}, a
 * {@code kid}, if any, the key's). Only then does the key work; a failure is a {@link ProviderRejectedException}
 * without cause, since crypto messages help an attacker and nothing else.
 */
final class TokenDecryption {

    /** Longer than any real ID token or userinfo response, encrypted; nothing longer is even parsed. */
    static final int MAX_LENGTH = 65_536;

    private final TokenProtection protection;

    TokenDecryption(TokenProtection protection) {
        this.protection = protection;
    }

    /**
     * OIDC Core 3.1.3.7 step 1: the signed ID token inside an encrypted one, or the token as it came when it is not
     * encrypted and encryption is not required (then {@link JwsHeaderRules} refuses a JWE nobody can decrypt).
     */
    String idToken(String token) throws ProviderRejectedException {
        boolean encrypted = UnverifiedJwt.hasEncryptedShape(token);
        if (!encrypted) {
            if (protection.encryptedIdTokens()) {
                // OIDC Core 3.1.3.7 step 1 / 10.2: encryption was registered (id_token_encrypted_response_alg), so
                // a plain signed ID token is refused: whoever stripped the encryption chose what we read
                throw new ProviderRejectedException("OIDC Core 3.1.3.7 step 1: ID token is not encrypted although "
                        + "encrypted ID tokens are configured (id_token_encrypted_response_alg)");
            }
            return token;
        }
        if (protection.decryptionKey() == null) {
            return token;
        }
        return decrypt("OIDC Core 3.1.3.7 step 1", "ID token", token);
    }

    /** Whether userinfo responses must be encrypted. */
    boolean userinfoMustBeEncrypted() {
        return protection.encryptedUserinfo();
    }

    /** Whether there is a key to decrypt with. */
    boolean canDecrypt() {
        return protection.decryptionKey() != null;
    }

    /** OIDC Core 5.3.2 / 10.2: the content of an encrypted userinfo response (a signed JWT or a JSON object). */
    String userinfo(String body) throws ProviderRejectedException {
        return decrypt("OIDC Core 5.3.2", "userinfo response", body);
    }

    private String decrypt(String step, String what, String compact) throws ProviderRejectedException {
        DecryptionKey key = protection.decryptionKey();
        if (compact.length() > MAX_LENGTH || !UnverifiedJwt.hasEncryptedShape(compact)) {
            // RFC 7516 7.1: five base64url segments; refused before any decoder sees text of any size
            throw new ProviderRejectedException(step + ": " + what + " is not a compact JWE of at most " + MAX_LENGTH
                    + " characters");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compact);
        } catch (ParseException | RuntimeException e) {
            // no cause: parser messages may quote the input
            throw new ProviderRejectedException(step + ": " + what + " is not a well-formed JWE (RFC 7516 7.1)");
        }
        JWEHeader header = jwe.getHeader();
        // OIDC Core 10.2: the algorithms the client registered (id_token_encrypted_response_alg/_enc), no others;
        // a downgrade to another alg would otherwise be the sender's choice
        if (!key.algorithm().equals(header.getAlgorithm())) {
            throw new ProviderRejectedException(step + ": " + what + " JWE alg " + SafeText.of(header.getAlgorithm()
                    .getName()) + " is not the configured " + key.algorithm());
        }
        if (header.getEncryptionMethod() == null
                || !DecryptionKey.CONTENT_ENCRYPTION.equals(header.getEncryptionMethod().getName())) {
            throw new ProviderRejectedException(step + ": " + what + " JWE enc "
                    + SafeText.of(header.getEncryptionMethod() == null ? null : header.getEncryptionMethod().getName())
                    + " is not " + DecryptionKey.CONTENT_ENCRYPTION);
        }
        if (header.getCompressionAlgorithm() != null) {
            // RFC 8725 3.6: compressed plaintext leaks through its length and inflates without bound; never
            // registered, so refused before decrypting
            throw new ProviderRejectedException(step + ": " + what + " JWE is compressed (zip), which is refused");
        }
        if (header.getKeyID() != null && !header.getKeyID().equals(key.keyId())) {
            // RFC 7516 4.1.6: encrypted to a key that is not ours; decrypting would only fail, more slowly
            throw new ProviderRejectedException(step + ": " + what + " is encrypted to another key (kid "
                    + SafeText.of(header.getKeyID()) + ")");
        }
        try {
            jwe.decrypt(key.decrypter());
        } catch (JOSEException | RuntimeException e) {
            // RFC 7516 5.2: the content cannot be recovered with our key (another key, or tampered); no cause
            throw new ProviderRejectedException(step + ": " + what + " cannot be decrypted with the client's "
                    + "decryption key (RFC 7516 5.2)");
        }
        return jwe.getPayload().toString();
    }
}
