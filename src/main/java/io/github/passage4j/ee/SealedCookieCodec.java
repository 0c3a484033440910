package io.github.passage4j.ee;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;

import javax.crypto.SecretKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * Seals claims into a compact JWE for a cookie, and opens them again: {@code dir} with {@code A256GCM} (RFC 7516,
 * RFC 7518 4.5 and 5.3), so a cookie is both secret and authenticated; the header names the key ({@code kid}) and
 * what the cookie is ({@code typ}), so a cookie of one kind is never accepted as another. Every sealed value carries
 * an expiry. Opening refuses, without saying why to the caller, anything else: another algorithm, an unknown key, a
 * changed byte, another type, an expired value.
 */
final class SealedCookieCodec {

    private static final System.Logger LOG = System.getLogger(SealedCookieCodec.class.getName());

    /** Far above any cookie a browser sends back; refused before parsing. */
    static final int MAX_SEALED_LENGTH = 32 * 1024;

    private final CookieKeys keys;
    private final Clock clock;

    SealedCookieCodec(CookieKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param type   what the value is, e.g. {@code passage-session}; {@link #open} checks it
     * @param claims the claims to seal; must have an expiry
     */
    String seal(String type, JWTClaimsSet claims) {
        if (claims.getExpirationTime() == null) {
            throw new IllegalArgumentException("a sealed cookie must expire");
        }
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(keys.currentId())
                .type(new JOSEObjectType(type))
                .build();
        EncryptedJWT jwt = new EncryptedJWT(header, claims);
        try {
            jwt.encrypt(new DirectEncrypter(keys.current()));
        } catch (JOSEException impossible) {
            // the key length is checked when the keys are read, and AES-GCM is in every JDK
            throw new IllegalStateException("Passage4J: could not encrypt a cookie", impossible);
        }
        return jwt.serialize();
    }

    /**
     * Whether the compact value is five parts of canonical base64url: only the 64 characters of the alphabet, no
     * padding, and no bits set in the unused low bits of a part's last character. Otherwise several strings would
     * decode to the same bytes, and a value that is not byte-for-byte one we wrote is refused outright.
     */
    static boolean isCanonical(String compact) {
        int parts = 1;
        int partLength = 0;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '.') {
                if (!hasCanonicalEnd(compact, i, partLength)) {
                    return false;
                }
                parts++;
                partLength = 0;
            } else if (BASE64URL.indexOf(c) >= 0) {
                partLength++;
            } else {
                return false;
            }
        }
        return parts == 5 && hasCanonicalEnd(compact, compact.length(), partLength);
    }

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** @param end the index just after the part's last character */
    private static boolean hasCanonicalEnd(String compact, int end, int length) {
        int unusedBits = switch (length % 4) {
            case 0 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            default -> -1;
        };
        if (unusedBits < 0) {
            return false;
        }
        return length == 0 || unusedBits == 0
                || (BASE64URL.indexOf(compact.charAt(end - 1)) & ((1 << unusedBits) - 1)) == 0;
    }

    /**
     * @return the claims, or empty when the value is not a sealed value of this type, under one of these keys, that
     *         has not expired
     */
    Optional<JWTClaimsSet> open(String type, String sealed) {
        if (sealed == null || sealed.isEmpty() || sealed.length() > MAX_SEALED_LENGTH) {
            return Optional.empty();
        }
        try {
            if (!isCanonical(sealed)) {
                return Optional.empty();
            }
            EncryptedJWT jwt = EncryptedJWT.parse(sealed);
            JWEHeader header = jwt.getHeader();
            if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
                    || header.getCompressionAlgorithm() != null
                    || header.getType() == null || !type.equals(header.getType().getType())) {
                return Optional.empty();
            }
            Optional<SecretKey> key = keys.byId(header.getKeyID());
            if (key.isEmpty()) {
                // a key taken out of the configuration, or a forged cookie: the same for the caller
                LOG.log(System.Logger.Level.DEBUG, "Passage4J: a cookie encrypted with an unknown key was ignored");
                return Optional.empty();
            }
            jwt.decrypt(new DirectDecrypter(key.get()));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || !clock.instant().isBefore(expires.toInstant())) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException unusable) {
            // tampered, truncated or foreign: never an error page, the cookie is just not a session
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: an unusable " + type + " cookie was ignored ("
                    + unusable.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }
}
