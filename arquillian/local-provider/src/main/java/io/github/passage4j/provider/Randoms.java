package io.github.passage4j.provider;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for codes, tokens and login requests. */
final class Randoms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    /**
     * @param bytes how many random bytes
     * @return them, base64url without padding
     */
    static String token(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
