package io.github.passage4j.ee;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedCookieCodecTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static JWTClaimsSet claims(Instant expires) {
        return new JWTClaimsSet.Builder().claim("greeting", "hello").expirationTime(Date.from(expires)).build();
    }

    @Test
    void aSealedValueOpensWithTheSameKeysAndTypeAndHidesItsContent() throws Exception {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(newKey()), clock);
        String sealed = codec.seal("passage-test", claims(T0.plusSeconds(60)));
        assertFalse(sealed.contains(Base64URL.encode("hello").toString()), "the payload is encrypted");
        assertEquals("hello", codec.open("passage-test", sealed).orElseThrow().getStringClaim("greeting"));
        assertTrue(codec.open("passage-other", sealed).isEmpty(), "a cookie of one kind is no cookie of another");
    }

    @Test
    void everyChangedCharacterIsRefused() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(newKey()), clock);
        String sealed = codec.seal("passage-test", claims(T0.plusSeconds(60)));
        for (int i = 0; i < sealed.length(); i++) {
            char original = sealed.charAt(i);
            if (original == '.') {
                continue;
            }
            char changed = original == 'A' ? 'B' : 'A';
            String tampered = sealed.substring(0, i) + changed + sealed.substring(i + 1);
            assertTrue(codec.open("passage-test", tampered).isEmpty(), "changed at " + i);
        }
        assertTrue(codec.open("passage-test", sealed.substring(0, sealed.length() - 2)).isEmpty(), "truncated");
        assertTrue(codec.open("passage-test", "not a jwe").isEmpty());
        assertTrue(codec.open("passage-test", sealed.replace(".", "!.")).isEmpty(), "a character outside base64url");
        assertTrue(codec.open("passage-test", sealed + "=").isEmpty(), "padding");
        assertTrue(codec.open("passage-test", "").isEmpty());
        assertTrue(codec.open("passage-test", "x".repeat(SealedCookieCodec.MAX_SEALED_LENGTH + 1)).isEmpty());
    }

    @Test
    void onlyCanonicalBase64urlCounts() {
        assertTrue(SealedCookieCodec.isCanonical("eyA.AA.AAAA.QQ.Zg"));
        assertFalse(SealedCookieCodec.isCanonical("eyA.AA.AAAA.QR.Zg"), "unused bits set in a 2-character end");
        assertFalse(SealedCookieCodec.isCanonical("eyA.AA.AAAA.QQ.Zh"), "unused bits set in the last part");
        assertFalse(SealedCookieCodec.isCanonical("eyA.AA.AAAA.QQ"), "four parts");
        assertFalse(SealedCookieCodec.isCanonical("eyA.AA.AAAAA.QQ.Zg"), "a length no encoding has");
        assertFalse(SealedCookieCodec.isCanonical("eyA.A+.AAAA.QQ.Zg"), "base64, not base64url");
    }

    @Test
    void aValueSealedWithAnotherKeyIsRefused() {
        String sealed = new SealedCookieCodec(CookieKeys.parse(newKey()), clock)
                .seal("passage-test", claims(T0.plusSeconds(60)));
        assertTrue(new SealedCookieCodec(CookieKeys.parse(newKey()), clock).open("passage-test", sealed).isEmpty());
    }

    @Test
    void anExpiredValueIsRefusedAndAValueWithoutExpiryIsNeverSealed() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(newKey()), clock);
        String sealed = codec.seal("passage-test", claims(T0.plusSeconds(60)));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(codec.open("passage-test", sealed).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(codec.open("passage-test", sealed).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> codec.seal("passage-test", new JWTClaimsSet.Builder().claim("a", "b").build()));
    }

    @Test
    void rotationANewKeyEncryptsAndTheOldOneStillDecryptsUntilRemoved() {
        String oldKey = newKey();
        String newKey = newKey();
        String sealedBefore = new SealedCookieCodec(CookieKeys.parse(oldKey), clock)
                .seal("passage-test", claims(T0.plusSeconds(60)));
        SealedCookieCodec rotated = new SealedCookieCodec(CookieKeys.parse(newKey + "," + oldKey), clock);
        assertTrue(rotated.open("passage-test", sealedBefore).isPresent(), "old cookies still open");
        String sealedAfter = rotated.seal("passage-test", claims(T0.plusSeconds(60)));
        assertTrue(new SealedCookieCodec(CookieKeys.parse(newKey), clock).open("passage-test", sealedAfter).isPresent(),
                "new cookies are sealed with the new key");
        assertTrue(new SealedCookieCodec(CookieKeys.parse(newKey), clock).open("passage-test", sealedBefore).isEmpty(),
                "once the old key is removed, its cookies are refused");
    }

    @Test
    void otherAlgorithmsAndUnsignedValuesAreRefused() throws Exception {
        String key = newKey();
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(key), clock);
        CookieKeys keys = CookieKeys.parse(key);
        // same key, same kid and type, but A128GCM with half the key: not what the codec writes
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM)
                .keyID(keys.currentId()).type(new JOSEObjectType("passage-test")).build();
        EncryptedJWT weaker = new EncryptedJWT(header, claims(T0.plusSeconds(60)));
        byte[] half = java.util.Arrays.copyOf(keys.current().getEncoded(), 16);
        weaker.encrypt(new DirectEncrypter(new SecretKeySpec(half, "AES")));
        assertTrue(codec.open("passage-test", weaker.serialize()).isEmpty());
        assertTrue(codec.open("passage-test", new PlainJWT(claims(T0.plusSeconds(60))).serialize()).isEmpty());
    }

    @Test
    void keysAreCheckedAndNeverShown() {
        String key = newKey();
        assertNotEquals(CookieKeys.parse(key).currentId(), CookieKeys.parse(newKey()).currentId());
        assertFalse(CookieKeys.parse(key).toString().contains(key));
        String standardBase64 = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(key));
        assertEquals(CookieKeys.parse(key), CookieKeys.parse(standardBase64), "base64 and base64url both work");
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> CookieKeys.parse(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(tooShort.getMessage().contains("16 bytes"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CookieKeys.parse("not*base64"));
        assertThrows(IllegalArgumentException.class, () -> CookieKeys.parse(" , "));
        assertThrows(IllegalArgumentException.class, () -> CookieKeys.parse(key + "," + key));
    }
}
