package io.github.passage4j.oidc;

/**
 * How the provider protects what it sends beyond the signed ID token: signed userinfo responses (OIDC Core 5.3.2)
 * and encrypted ID tokens and userinfo responses (OIDC Core 10.2), as the client registered them
 * ({@code userinfo_signed_response_alg}, {@code id_token_encrypted_response_alg}/{@code _enc},
 * {@code userinfo_encrypted_response_alg}/{@code _enc}). Immutable; {@link #NONE} is plain OpenID Connect.
 *
 * <p>Whatever is set, a signed userinfo answer ({@code application/jwt}) is verified, and an encrypted one is
 * decrypted when a key is configured. The flags make the protection mandatory: an answer without it is refused
 * rather than quietly accepted, since an attacker who can strip the protection would otherwise choose.
 *
 * @param decryptionKey the client's decryption key, or null when nothing is encrypted to it
 * @param encryptedIdTokens whether every ID token (after sign-in and after refresh) must be encrypted to it
 * @param encryptedUserinfo whether every userinfo response must be encrypted to it
 * @param signedUserinfo whether every userinfo response must be a JWT signed by the provider
 */
public record TokenProtection(DecryptionKey decryptionKey, boolean encryptedIdTokens, boolean encryptedUserinfo,
        boolean signedUserinfo) {

    /** Nothing encrypted; userinfo may be plain JSON. */
    public static final TokenProtection NONE = new TokenProtection(null, false, false, false);

    /**
     * @throws IllegalArgumentException when encryption is required but no decryption key is given
     */
    public TokenProtection {
        if ((encryptedIdTokens || encryptedUserinfo) && decryptionKey == null) {
            throw new IllegalArgumentException("a decryption key is required for encrypted "
                    + (encryptedIdTokens ? "ID tokens" : "userinfo responses"));
        }
    }
}
