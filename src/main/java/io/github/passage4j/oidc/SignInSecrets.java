package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Fresh random values for one sign-in attempt: {@code state}, {@code nonce} and the PKCE code
 * verifier, plus the PKCE S256 challenge derived from a verifier.
 */
public final class SignInSecrets {

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SignInSecrets() {
    }

    /**
     * A new unguessable value: 256 bits from a {@link SecureRandom}, base64url-encoded without
     * padding (43 characters). Suitable as {@code state}, {@code nonce} and, since it only uses
     * unreserved characters and is 43 long, as PKCE code verifier (RFC 7636 4.1).
     *
     * @return the encoded random value
     */
    public static String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * The S256 code challenge of a verifier: {@code BASE64URL(SHA256(ASCII(code_verifier)))}
     * (RFC 7636 4.2).
     *
     * @param codeVerifier the PKCE code verifier
     * @return the code challenge, base64url without padding
     */
    public static String s256Challenge(String codeVerifier) {
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        return BASE64URL.encodeToString(sha256().digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * base64url (no padding) of the SHA-256 of the text's UTF-8 bytes: a one-way digest of a value, for cookie names
     * that must not repeat it and for proofs derived from a secret.
     */
    public static String sha256Base64Url(String text) {
        return BASE64URL.encodeToString(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest Javadoc)
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
