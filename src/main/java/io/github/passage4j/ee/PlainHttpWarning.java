package io.github.passage4j.ee;

import io.github.passage4j.oidc.UriRules;
import jakarta.servlet.http.HttpServletRequest;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says once, at WARNING, that requests reach the app over plain http from a host that is no loopback while no
 * {@code baseUrl} is set. Behind a proxy that terminates TLS, that is how every request arrives, and then nothing
 * marks the cookies {@code Secure} or gives them {@code __Host-} names: the app works, so only the log can tell.
 */
final class PlainHttpWarning {

    private final System.Logger log;
    private final AtomicBoolean warned = new AtomicBoolean();

    PlainHttpWarning(System.Logger log) {
        this.log = log;
    }

    /** Looks at one request; after the first warning, a single read of a flag. */
    void check(HttpServletRequest request) {
        if (warned.get() || request.isSecure() || UriRules.isLoopback(request.getServerName())) {
            return;
        }
        if (warned.compareAndSet(false, true)) {
            log.log(System.Logger.Level.WARNING, "Passage4J: requests reach the app over plain http and no "
                    + "passage.base-url is set: its cookies are not Secure and have no __Host- names. Behind a proxy "
                    + "that terminates TLS, set passage.base-url (environment variable PASSAGE_BASE_URL) to the https "
                    + "URL browsers see");
        }
    }
}
