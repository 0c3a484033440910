package io.github.passage4j.it.support;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the test apps' servlets answer: one {@code name=value} per line, read back by the tests. */
public final class Pages {

    private Pages() {
    }

    /** The {@code name=value} lines of a page (the first {@code =} separates), in order; other lines are skipped. */
    public static Map<String, String> lines(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        body.lines().filter(line -> line.contains("=")).forEach(line -> {
            int at = line.indexOf('=');
            values.put(line.substring(0, at), line.substring(at + 1));
        });
        return values;
    }

    /** The lines of a page that must have been served: {@code 200}, else the test fails showing the body. */
    public static Map<String, String> lines(HttpResponse<String> page) {
        assertEquals(200, page.statusCode(), () -> page.uri() + ": " + page.body());
        return lines(page.body());
    }
}
