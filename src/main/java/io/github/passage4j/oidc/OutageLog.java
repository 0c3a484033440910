package io.github.passage4j.oidc;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs a failing background fetch once per outage rather than once per attempt: the first failure at WARNING,
 * the repeats at DEBUG, and the first success after them at INFO. Meant for fetches whose failure does not fail
 * a request because something older is still usable.
 */
final class OutageLog {

    private static final System.Logger LOG = System.getLogger(OpenIdProvider.class.getName());

    private final String what;
    private final AtomicBoolean down = new AtomicBoolean();

    /** @param what the endpoint, safe to log, e.g. "jwks_uri (https://op.example/jwks)" */
    OutageLog(String what) {
        this.what = what;
    }

    /** @param consequence what is done meanwhile, e.g. "the cached keys stay in use for up to 24 h" */
    void failed(OpenIdException failure, String consequence) {
        if (down.compareAndSet(false, true)) {
            // the failure's message names the endpoint
            LOG.log(Level.WARNING, "OpenID provider unavailable: {0}; {1} (logged once until it answers again)",
                    failure.getMessage(), consequence);
        } else {
            LOG.log(Level.DEBUG, "OpenID provider still unavailable: {0}", failure.getMessage());
        }
    }

    void recovered() {
        if (down.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "OpenID provider: {0} answers again", what);
        }
    }
}
