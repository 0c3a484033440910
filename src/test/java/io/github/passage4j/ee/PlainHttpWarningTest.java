package io.github.passage4j.ee;

import io.github.passage4j.oidc.RecordingLogger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behind a TLS-terminating proxy without baseUrl, the operator learns once that cookies are not Secure. */
class PlainHttpWarningTest {

    private final RecordingLogger log = new RecordingLogger();
    private final PlainHttpWarning warning = new PlainHttpWarning(log);

    @Test
    void plainHttpFromAnotherHostIsWarnedOnce() {
        warning.check(ServletFakes.request("/page").origin("http", "app.example.com", 80).build());
        warning.check(ServletFakes.request("/page").origin("http", "app.example.com", 80).build());
        List<String> warnings = log.at(System.Logger.Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("passage.base-url"), warnings.get(0));
    }

    @Test
    void httpsAndLoopbackAreFine() {
        warning.check(ServletFakes.request("/page").build());
        warning.check(ServletFakes.request("/page").origin("http", "127.0.0.1", 8080).build());
        warning.check(ServletFakes.request("/page").origin("http", "localhost", 8080).build());
        assertEquals(List.of(), log.at(System.Logger.Level.WARNING));
    }
}
