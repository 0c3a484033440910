package io.github.passage4j.it.smoke;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * A subclass of {@link CallerPrincipal}, so the smoke test can see whether the server hands back the
 * very principal object given to {@code notifyContainerAboutLogin}.
 */
public class SmokePrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    public SmokePrincipal(String name) {
        super(name);
    }
}
