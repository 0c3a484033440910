package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndedSessionsCachesTest {

    @Test
    void openingACacheIsBoundedInsteadOfHangingTheDeployment() {
        CountDownLatch never = new CountDownLatch(1);
        assertThrows(TimeoutException.class, () -> EndedSessionsCaches.withinBound(() -> {
            try {
                never.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return "too late";
        }, getClass().getClassLoader(), Duration.ofMillis(200)));
    }

    @Test
    void aCacheOpenedInTimeOrAFailureComesBackAsIs() throws Exception {
        assertEquals("opened", EndedSessionsCaches.withinBound(() -> "opened", getClass().getClassLoader(),
                Duration.ofSeconds(5)));
        IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
                EndedSessionsCaches.withinBound(() -> {
                    throw new IllegalStateException("no provider");
                }, getClass().getClassLoader(), Duration.ofSeconds(5)));
        assertEquals("no provider", failure.getMessage());
    }
}
