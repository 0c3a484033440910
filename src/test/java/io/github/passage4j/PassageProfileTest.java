package io.github.passage4j;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassageProfileTest {

    private static Map<String, Object> passageClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://example.withpassage.com");
        claims.put("sub", "user-1");
        claims.put("aud", "client-1");
        claims.put("client_id", "client-1");
        claims.put("auth_time", 1_700_000_000L);
        claims.put("iat", 1_700_000_001L);
        claims.put("exp", 1_700_003_601L);
        claims.put("email", "alice@example.com");
        claims.put("email_verified", true);
        claims.put("phone_number", "+15555550100");
        claims.put("phone_number_verified", false);
        claims.put("at_hash", "abc");
        claims.put("nested", Map.of("roles", List.of("admin")));
        return claims;
    }

    @Test
    void typedAccessorsReadPassageClaims() {
        PassageProfile profile = new PassageProfile("user-1", passageClaims());
        assertEquals("user-1", profile.getName());
        assertEquals("user-1", profile.getSub());
        assertEquals(Optional.of("alice@example.com"), profile.getEmail());
        assertEquals(Optional.of(true), profile.getEmailVerified());
        assertEquals(Optional.of("+15555550100"), profile.getPhone(), "phone falls back to phone_number");
        assertEquals(Optional.of(false), profile.getPhoneNumberVerified());
        assertEquals(List.of("client-1"), profile.getAud());
        assertEquals(Optional.of("client-1"), profile.getClientId());
        assertEquals(Optional.empty(), profile.getAzp());
        assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)), profile.getAuthTime());
        assertEquals(Instant.ofEpochSecond(1_700_000_001L), profile.getIat());
        assertEquals(Instant.ofEpochSecond(1_700_003_601L), profile.getExp());
        assertEquals(Optional.of("abc"), profile.getAtHash());
        assertEquals(Optional.empty(), profile.getCHash());
    }

    @Test
    void phoneClaimOfTheAuthJsProfileWins() {
        Map<String, Object> claims = passageClaims();
        claims.put("phone", "+15555550199");
        assertEquals(Optional.of("+15555550199"), new PassageProfile("user-1", claims).getPhone());
    }

    @Test
    void audienceArrayIsAList() {
        Map<String, Object> claims = passageClaims();
        claims.put("aud", List.of("client-1", "other"));
        assertEquals(List.of("client-1", "other"), new PassageProfile("user-1", claims).getAud());
    }

    @Test
    void claimsAreCopiedAndUnmodifiable() {
        Map<String, Object> claims = passageClaims();
        PassageProfile profile = new PassageProfile("user-1", claims);
        claims.put("email", "mallory@example.com");
        assertEquals(Optional.of("alice@example.com"), profile.getEmail());
        assertThrows(UnsupportedOperationException.class, () -> profile.getClaims().put("x", "y"));
    }

    @Test
    void survivesSerialization() throws Exception {
        PassageProfile profile = new PassageProfile("user-1", passageClaims());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(profile);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            PassageProfile copy = (PassageProfile) in.readObject();
            assertEquals(profile, copy);
            assertEquals(profile.getClaims(), copy.getClaims());
        }
    }

    @Test
    void toStringShowsNoClaimValuesBeyondNameAndIssuer() {
        String text = new PassageProfile("user-1", passageClaims()).toString();
        assertTrue(text.contains("user-1"));
        assertFalse(text.contains("alice@example.com"));
        assertFalse(text.contains("abc"));
    }

    @Test
    void tokensToStringShowsNoToken() {
        PassageTokens tokens = new PassageTokens("eyJ.id.token", "access-token-value", "refresh-value",
                Instant.EPOCH, Instant.EPOCH);
        String text = tokens.toString();
        assertFalse(text.contains("eyJ.id.token"));
        assertFalse(text.contains("access-token-value"));
        assertFalse(text.contains("refresh-value"));
    }

    @Test
    void acrAmrAndSidAreReadWhenTheyAreThereAndOfTheirType() {
        Map<String, Object> claims = new LinkedHashMap<>(passageClaims());
        claims.put("acr", "urn:example:mfa");
        claims.put("amr", List.of("pwd", "otp", 7));
        claims.put("sid", "session-1");
        PassageProfile profile = new PassageProfile("user-1", claims);
        assertEquals(Optional.of("urn:example:mfa"), profile.getAcr());
        assertEquals(List.of("pwd", "otp"), profile.getAmr(), "only the strings of the array");
        assertEquals(Optional.of("session-1"), profile.getSid());

        Map<String, Object> odd = new LinkedHashMap<>(passageClaims());
        odd.put("acr", 2);
        odd.put("amr", "pwd");
        PassageProfile typed = new PassageProfile("user-1", odd);
        assertEquals(Optional.empty(), typed.getAcr());
        assertEquals(List.of(), typed.getAmr());
        assertEquals(Optional.empty(), typed.getSid());
    }

    @Test
    void aClaimIsReadAsTheTypeAskedForOrNotAtAll() {
        Map<String, Object> claims = new LinkedHashMap<>(passageClaims());
        claims.put("tier", 3L);
        claims.put("flags", List.of("a"));
        PassageProfile profile = new PassageProfile("user-1", claims);
        assertEquals(Optional.of(3L), profile.getClaim("tier", Long.class));
        assertEquals(Optional.of(3L), profile.getClaim("tier", Number.class));
        assertEquals(Optional.empty(), profile.getClaim("tier", String.class));
        assertEquals(Optional.of(List.of("a")), profile.getClaim("flags", List.class));
        assertEquals(Optional.empty(), profile.getClaim("missing", String.class));
    }
}
