package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** At most one WARNING per reason per window, the rest at DEBUG, counted. */
class ThrottledLogTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ThrottledLog log = new ThrottledLog(logger, Duration.ofMinutes(1), nanos::get);

    @Test
    void oneWarningPerReasonPerWindowTheRestAtDebug() {
        log.warn("step 4", "first");
        log.warn("step 4", "second");
        log.warn("step 4", "third");
        log.warn("step 8", "other reason");
        assertEquals(List.of("first", "other reason"), logger.at(Level.WARNING));
        assertEquals(List.of("second", "third"), logger.at(Level.DEBUG));
    }

    @Test
    void afterTheWindowTheNextWarningCountsWhatWentToDebug() {
        log.warn("step 4", "first");
        log.warn("step 4", "second");
        log.warn("step 4", "third");
        nanos.addAndGet(Duration.ofMinutes(1).toNanos() - 1);
        log.warn("step 4", "still within");
        nanos.addAndGet(1);
        log.warn("step 4", "next");
        assertEquals(List.of("first", "next (and 3 more of this kind since the last warning, logged at DEBUG)"),
                logger.at(Level.WARNING));
    }

    @Test
    void madeUpReasonsShareOneWindowPastTheBound() {
        for (int i = 0; i < ThrottledLog.MAX_REASONS * 10; i++) {
            log.warn("reason " + i, "message " + i);
        }
        assertEquals(ThrottledLog.MAX_REASONS, logger.at(Level.WARNING).size(),
                "the bounded reasons, and one for all the others");
        assertTrue(logger.at(Level.DEBUG).contains("message " + (ThrottledLog.MAX_REASONS * 10 - 1)));
    }

    @Test
    void aClientsMistakeIsLoggedAtItsOwnLevelOncePerWindow() {
        log.log(Level.INFO, "RFC 9068 4", "expired");
        log.log(Level.INFO, "RFC 9068 4", "expired again");
        assertEquals(List.of("expired"), logger.at(Level.INFO));
        assertEquals(List.of("expired again"), logger.at(Level.DEBUG));
        assertEquals(List.of(), logger.at(Level.WARNING));
    }

    @Test
    void theReasonIsTheSpecStepBeforeTheFirstColon() {
        assertEquals("Back-Channel Logout 2.6 step 8", ThrottledLog.reasonOf("Back-Channel Logout 2.6 step 8: jti used"));
        assertEquals("no step named", ThrottledLog.reasonOf("no step named"));
        assertEquals("null", ThrottledLog.reasonOf(null));
    }

    @Test
    void aWindowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ThrottledLog(logger, Duration.ZERO, nanos::get));
    }
}
