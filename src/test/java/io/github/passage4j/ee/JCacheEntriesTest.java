package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JCache cache Passage creates when the server defines none. */
class JCacheEntriesTest {

    private static final Duration TTL = Duration.ofHours(8);

    @Test
    void aSecondLogoutOfTheSameKeyExtendsTheRecordsLife() {
        ExpiryPolicy expiry = JCacheEntries.configuration(TTL).getExpiryPolicyFactory().create();
        javax.cache.expiry.Duration whole = new javax.cache.expiry.Duration(TimeUnit.SECONDS, TTL.toSeconds());
        assertEquals(whole, expiry.getExpiryForCreation());
        // JSR 107: null keeps the entry's expiry unchanged; the record of a later logout must live its whole time
        assertEquals(whole, expiry.getExpiryForUpdate(), "a replace restarts the entry's time to live");
    }

    @Test
    void aServerDefinedCacheThatKeepsTheFirstExpiryIsToldApart() {
        javax.cache.expiry.Duration hour = new javax.cache.expiry.Duration(TimeUnit.HOURS, 1);
        assertFalse(JCacheEntries.expiryMovesOnUpdate(CreatedExpiryPolicy.factoryOf(hour).create()),
                "warned of at deployment");
        assertTrue(JCacheEntries.expiryMovesOnUpdate(JCacheEntries.configuration(TTL).getExpiryPolicyFactory()
                .create()));
        assertTrue(JCacheEntries.expiryMovesOnUpdate(TouchedExpiryPolicy.factoryOf(hour).create()));
        assertTrue(JCacheEntries.expiryMovesOnUpdate(EternalExpiryPolicy.factoryOf().create()));
    }
}
