package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key set while {@code jwks_uri} fails, near and past its max age (1 h) and stale limit (24 h). */
class JwksOutageTest {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final FakeProvider fake;
    private final AtomicLong nanos = new AtomicLong();
    private final OpenIdProvider provider;
    private final Logger log = Logger.getLogger(OpenIdProvider.class.getName());
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler warningsKept = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    JwksOutageTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        provider = new OpenIdProvider(TestSupport.settings(fake.issuer), TestSupport.CLOCK, TestSupport.tuning(nanos));
        log.addHandler(warningsKept);
    }

    @AfterEach
    void stop() {
        log.removeHandler(warningsKept);
        provider.connection().close();
        fake.close();
    }

    private String token(RSAKey signingKey) {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                TestSupport.claims(fake.issuer), TestSupport.signer(signingKey));
    }

    private ValidatedIdToken validate(String token) throws Exception {
        return provider.validateIdToken(token, TestSupport.NONCE, null);
    }

    private void age(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void jwksDownAfterMaxAgeStillValidatesWithTheCachedKeys() throws Exception {
        validate(token(TestSupport.RSA_1));
        fake.on("/jwks", FakeProvider.json(503, "{}"));
        age(Duration.ofMinutes(61));

        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
        assertEquals(2, fake.hits("/jwks"), "the stale set was due: one fetch was tried");
        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
        assertEquals(2, fake.hits("/jwks"), "within the failure back-off nothing is tried again");

        age(Duration.ofHours(23));
        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
        assertEquals(3, fake.hits("/jwks"));
    }

    @Test
    void jwksDownPastTheStaleLimitMeansUnavailable() throws Exception {
        validate(token(TestSupport.RSA_1));
        fake.on("/jwks", FakeProvider.json(503, "{}"));
        age(Duration.ofHours(25).plusSeconds(1));

        assertThrows(ProviderUnavailableException.class, () -> validate(token(TestSupport.RSA_1)));
    }

    @Test
    void anOutageIsLoggedOnceNotPerAttempt() throws Exception {
        validate(token(TestSupport.RSA_1));
        fake.on("/jwks", FakeProvider.json(503, "{}"));
        age(Duration.ofMinutes(61));
        for (int attempt = 0; attempt < 3; attempt++) {
            validate(token(TestSupport.RSA_1));
            age(Duration.ofSeconds(3));
        }
        assertEquals(4, fake.hits("/jwks"), "three attempts, a back-off apart");
        assertEquals(1, warnings.size(), () -> warnings.stream().map(LogRecord::getMessage).toList().toString());
    }

    @Test
    void stalePastMaxAgeIsRefreshedBeforeUseWhenTheProviderAnswers() throws Exception {
        validate(token(TestSupport.RSA_1));
        // the provider withdrew the key: past the max age it must stop being trusted
        fake.publish(TestSupport.RSA_2);
        age(Duration.ofMinutes(61));

        assertThrows(ProviderRejectedException.class, () -> validate(token(TestSupport.RSA_1)));
        assertEquals("user-42", validate(token(TestSupport.RSA_2)).subject());
    }

    @Test
    void refreshAheadRunsInTheBackgroundWhileRequestsValidate() throws Exception {
        validate(token(TestSupport.RSA_1));
        CountDownLatch fetchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fake.on("/jwks", fake.heldJwks(fetchStarted, release));
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);
        age(Duration.ofMinutes(55));

        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
        assertTrue(fetchStarted.await(10, TimeUnit.SECONDS), "the refresh was started");
        // the refresh is held by the provider; requests go on with the current set, and start no second fetch
        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
        assertEquals(2, fake.hits("/jwks"));

        release.countDown();
        provider.connection().jwks().lastRefresh().get(10, TimeUnit.SECONDS);
        assertEquals("user-42", validate(token(TestSupport.RSA_2)).subject(), "the refreshed set is in use");
        assertEquals(2, fake.hits("/jwks"), "the new key came with the refresh, not with a refetch");
    }

    @Test
    void unknownKidRefetchStillWorksAfterABackgroundRefresh() throws Exception {
        validate(token(TestSupport.RSA_1));
        age(Duration.ofMinutes(55));
        validate(token(TestSupport.RSA_1));
        provider.connection().jwks().lastRefresh().get(10, TimeUnit.SECONDS);
        assertEquals(2, fake.hits("/jwks"));

        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);
        assertEquals("user-42", validate(token(TestSupport.RSA_2)).subject());
        assertEquals(3, fake.hits("/jwks"));
    }

    @Test
    void aKeySetThatMovedIsFoundByReDiscovery() throws Exception {
        validate(token(TestSupport.RSA_1));
        assertEquals(1, fake.hits(WELL_KNOWN));
        fake.on("/jwks", FakeProvider.json(404, "{}"));
        fake.serveJwksAt("/moved-jwks");
        fake.discoveryDocument.put("jwks_uri", fake.issuer + "/moved-jwks");
        age(Duration.ofMinutes(61));

        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject(), "the stale set serves meanwhile");
        provider.connection().discovery().lastRefresh().get(10, TimeUnit.SECONDS);
        assertEquals(2, fake.hits(WELL_KNOWN), "the failing jwks_uri made discovery look again");

        age(Duration.ofSeconds(3));
        assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
        assertEquals(1, fake.hits("/moved-jwks"));
    }

    @Test
    void aShorterCacheControlMaxAgeOfTheKeySetIsHonoured() throws Exception {
        fake.jwksCacheControl("public, max-age=120");
        validate(token(TestSupport.RSA_1));
        fake.publish(TestSupport.RSA_2);
        age(Duration.ofSeconds(121));

        assertThrows(ProviderRejectedException.class, () -> validate(token(TestSupport.RSA_1)),
                "the withdrawn key is gone: the set was fetched again after 120 s");
    }

    @Test
    void aCacheControlMaxAgeBelowTheRefetchWindowCountsAsTheWindow() throws Exception {
        fake.jwksCacheControl("max-age=0");
        validate(token(TestSupport.RSA_1));
        age(Duration.ofSeconds(20));
        validate(token(TestSupport.RSA_1));
        assertEquals(1, fake.hits("/jwks"), "not asked again within the 30 s refetch window");
    }

    @Test
    void anUnknownKidDoesNotWaitForAnotherRequestsRefetch() throws Exception {
        validate(token(TestSupport.RSA_1));
        CountDownLatch fetchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fake.on("/jwks", fake.heldJwks(fetchStarted, release));
        fake.publish(TestSupport.RSA_1, TestSupport.RSA_2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<ValidatedIdToken> rotated = other.submit(() -> validate(token(TestSupport.RSA_2)));
            assertTrue(fetchStarted.await(10, TimeUnit.SECONDS), "the other request's refetch is running");
            // a forged kid meanwhile is refused at once rather than queueing behind that fetch; known keys still work
            String forged = TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("made-up").build(),
                    TestSupport.claims(fake.issuer), TestSupport.signer(TestSupport.RSA_2));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThrows(ProviderRejectedException.class, () -> validate(forged));
                assertEquals("user-42", validate(token(TestSupport.RSA_1)).subject());
            });
            release.countDown();
            assertEquals("user-42", rotated.get(10, TimeUnit.SECONDS).subject());
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }
}
