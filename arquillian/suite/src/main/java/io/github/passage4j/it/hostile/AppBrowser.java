package io.github.passage4j.it.hostile;

import io.github.passage4j.testkit.PassageBrowser;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A {@link PassageBrowser} that remembers every answer it got, in one list shared by all instances of this JVM, so that a
 * test can look at every {@code Location} the app ever sent (whatever the test that caused it).
 */
final class AppBrowser {

    private static final List<HttpResponse<String>> ANSWERS = Collections.synchronizedList(new ArrayList<>());

    private final PassageBrowser browser = new PassageBrowser();

    HttpResponse<String> get(URI uri) {
        return remember(browser.get(uri));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return remember(browser.send(request));
    }

    Optional<String> cookie(URI site, String name) {
        return browser.cookie(site, name);
    }

    private static HttpResponse<String> remember(HttpResponse<String> response) {
        ANSWERS.add(response);
        return response;
    }

    /** @return every answer any instance got so far, oldest first */
    static List<HttpResponse<String>> answers() {
        synchronized (ANSWERS) {
            return List.copyOf(ANSWERS);
        }
    }
}
