package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 digests used as cache and replay keys: fixed size whatever the input, and holding no
 * usable token or id, so a heap dump of a cache does not yield bearer tokens.
 */
final class Sha256 {

    private Sha256() {
    }

    /** The base64 digest of the UTF-8 parts, each followed by a NUL, so ("a", "bc") and ("ab", "c") differ. */
    static String of(String... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every Java platform", e);
        }
        for (String part : parts) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return Base64.getEncoder().withoutPadding().encodeToString(sha256.digest());
    }
}
