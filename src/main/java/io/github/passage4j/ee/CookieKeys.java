package io.github.passage4j.ee;

import com.nimbusds.jose.util.Base64URL;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AES-256 keys of the encrypted cookies: the first encrypts, all decrypt (key rotation). Each key is known by a
 * key id derived from the key itself (a hash prefix), so a cookie names the key that opens it without revealing it.
 */
final class CookieKeys {

    static final CookieKeys NONE = new CookieKeys(new LinkedHashMap<>());

    private static final int KEY_BYTES = 32;

    /** Key id to key, in configuration order. */
    private final Map<String, SecretKey> byId;

    private CookieKeys(LinkedHashMap<String, SecretKey> byId) {
        this.byId = byId;
    }

    /**
     * @param text comma-separated keys of 32 bytes each, base64 or base64url
     * @throws IllegalArgumentException naming what is wrong, never showing a key
     */
    static CookieKeys parse(String text) {
        LinkedHashMap<String, SecretKey> keys = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>(List.of(text.split(",")));
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i).strip();
            if (part.isEmpty()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = part.contains("+") || part.contains("/")
                        ? Base64.getDecoder().decode(part)
                        : Base64.getUrlDecoder().decode(part.replace("=", ""));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("key " + (i + 1) + " is not base64 or base64url");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("key " + (i + 1) + " has " + bytes.length + " bytes; an AES-256 "
                        + "key has " + KEY_BYTES + " (e.g. openssl rand -base64 32)");
            }
            SecretKey key = new SecretKeySpec(bytes, "AES");
            if (keys.putIfAbsent(keyId(bytes), key) != null) {
                throw new IllegalArgumentException("key " + (i + 1) + " is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key given");
        }
        return new CookieKeys(keys);
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // a domain-separated hash, so the id says nothing usable about the key
            sha256.update("passage4j cookie key id".getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(sha256.digest(key)).toString().substring(0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The id of the key that encrypts. */
    String currentId() {
        return byId.keySet().iterator().next();
    }

    SecretKey current() {
        return byId.values().iterator().next();
    }

    Optional<SecretKey> byId(String keyId) {
        return keyId == null ? Optional.empty() : Optional.ofNullable(byId.get(keyId));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CookieKeys keys && keys.byId.keySet().equals(byId.keySet());
    }

    @Override
    public int hashCode() {
        return byId.keySet().hashCode();
    }

    /** Shows the key ids only. */
    @Override
    public String toString() {
        return "CookieKeys" + byId.keySet();
    }
}
