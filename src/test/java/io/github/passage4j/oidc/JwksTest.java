package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwksTest {

    private final FakeProvider fake;
    private final AtomicLong nanos = new AtomicLong();
    private final OpenIdProvider provider;

    JwksTest() throws Exception {
        fake = new FakeProvider();
        provider = new OpenIdProvider(TestSupport.settings(fake.issuer), TestSupport.CLOCK, TestSupport.tuning(nanos));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private String token(RSAKey signingKey, String kid) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
        if (kid != null) {
            header.keyID(kid);
        }
        return TestSupport.sign(header.build(), TestSupport.claims(fake.issuer), new RSASSASigner(signingKey));
    }

    private ValidatedIdToken validate(String token) throws Exception {
        return provider.validateIdToken(token, TestSupport.NONCE, null);
    }

    @Test
    void keysAreFetchedOnceAndCached() throws Exception {
        fake.publish(TestSupport.RSA_1);
        validate(token(TestSupport.RSA_1, "rsa-1"));
        validate(token(TestSupport.RSA_1, "rsa-1"));
        assertEquals(1, fake.hits("/jwks"));
    }

    @Test
    void keyRotationIsPickedUpByOneRefetch() throws Exception {
        fake.publish(TestSupport.RSA_1);
        validate(token(TestSupport.RSA_1, "rsa-1"));
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);

        assertEquals("user-42", validate(token(TestSupport.RSA_2, "rsa-2")).subject());
        assertEquals(2, fake.hits("/jwks"));
    }

    @Test
    void unknownKidStormCausesAtMostOneFetchPerWindow() throws Exception {
        fake.publish(TestSupport.RSA_1);
        validate(token(TestSupport.RSA_1, "rsa-1"));
        String forged = token(TestSupport.RSA_2, "made-up");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                attempts.add(pool.submit(() -> assertThrows(ProviderRejectedException.class, () -> validate(forged))));
            }
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, fake.hits("/jwks"), "the first fetch plus one refetch");

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThrows(ProviderRejectedException.class, () -> validate(forged));
        assertEquals(3, fake.hits("/jwks"), "one more refetch once the window has passed");
    }

    @Test
    void unparseableKeysAreIgnored() throws Exception {
        fake.publish(TestSupport.RSA_1);
        fake.publishRaw(List.of(
                Map.of("kty", "RSA", "kid", "broken", "n", "!!!", "e", "AQAB"),
                Map.of("kty", "unheard-of", "kid", "strange"),
                "not even an object"));
        assertEquals("user-42", validate(token(TestSupport.RSA_1, "rsa-1")).subject());
    }

    @Test
    void encryptionKeysAreNotUsedForSignatures() throws Exception {
        fake.publish(new RSAKey.Builder(TestSupport.RSA_1).keyUse(KeyUse.ENCRYPTION).build());
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> validate(token(TestSupport.RSA_1, "rsa-1")));
        assertTrue(e.getMessage().contains("step 6"), e.getMessage());
    }

    @Test
    void tokenWithoutKidIsAcceptedWithTheSingleMatchingKey() throws Exception {
        fake.publish(TestSupport.RSA_1, TestSupport.EC_1);
        assertEquals("user-42", validate(token(TestSupport.RSA_1, null)).subject());
    }

    @Test
    void tokenWithoutKidIsCheckedAgainstEachCandidateKey() throws Exception {
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);
        assertEquals("user-42", validate(token(TestSupport.RSA_2, null)).subject());
        assertThrows(ProviderRejectedException.class, () -> validate(token(TestSupport.rsa("unpublished"), null)));
    }

    @Test
    void tokenWithoutKidSignedByANewlyRotatedKeyIsAcceptedAfterOneRefetch() throws Exception {
        fake.publish(TestSupport.RSA_1);
        validate(token(TestSupport.RSA_1, null));
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);

        assertEquals("user-42", validate(token(TestSupport.RSA_2, null)).subject());
        assertEquals(2, fake.hits("/jwks"));
        assertThrows(ProviderRejectedException.class, () -> validate(token(TestSupport.rsa("unpublished"), null)));
        assertEquals(2, fake.hits("/jwks"), "a second miss within the window fetches nothing");
    }

    @Test
    void jwksEndpointDownMeansUnavailable() throws Exception {
        fake.on("/jwks", FakeProvider.json(502, "bad gateway"));
        assertThrows(ProviderUnavailableException.class, () -> validate(token(TestSupport.RSA_1, "rsa-1")));
    }

    @Test
    void jwksDocumentWithoutKeysMeansUnavailable() throws Exception {
        fake.on("/jwks", FakeProvider.json(200, "{\"no\":\"keys\"}"));
        assertThrows(ProviderUnavailableException.class, () -> validate(token(TestSupport.RSA_1, "rsa-1")));
    }
}
