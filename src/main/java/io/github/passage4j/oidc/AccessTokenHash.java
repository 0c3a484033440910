package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Computes and compares {@code at_hash} (OIDC Core 3.1.3.6 and 3.1.3.8): the base64url encoding of
 * the left-most half of the hash of the ASCII octets of the access token, with the hash function
 * of the ID token's JWS algorithm.
 */
final class AccessTokenHash {

    private AccessTokenHash() {
    }

    static String compute(String accessToken, SigningAlgorithm algorithm) {
        byte[] hash = digest(algorithm.hashAlgorithm()).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        byte[] leftHalf = Arrays.copyOf(hash, hash.length / 2);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(leftHalf);
    }

    /** Compares in constant time: the comparison must not tell an attacker how much of a forged value was right. */
    static boolean matches(String atHash, String accessToken, SigningAlgorithm algorithm) {
        byte[] expected = compute(accessToken, algorithm).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, atHash.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            // SHA-256, SHA-384 and SHA-512 are mandatory on every Java platform
            throw new IllegalStateException(name + " unavailable", e);
        }
    }
}
