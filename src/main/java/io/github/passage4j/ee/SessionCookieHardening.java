package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.HandlesTypes;

import java.util.Set;

/**
 * The session cookie carries the signed-in session, so in an app that signs in with Passage it is kept from
 * scripts ({@code HttpOnly}) and from cross-site subrequests ({@code SameSite=Lax}, which still lets the provider's
 * top-level redirect back to the callback carry it). An app that set its own {@code SameSite} keeps it.
 */
@HandlesTypes(PassageAuthenticationDefinition.class)
public final class SessionCookieHardening implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(SessionCookieHardening.class.getName());

    @Override
    public void onStartup(Set<Class<?>> definitions, ServletContext context) {
        if (definitions == null || definitions.isEmpty()) {
            return;
        }
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        try {
            cookie.setHttpOnly(true);
            if (cookie.getAttribute("SameSite") == null) {
                cookie.setAttribute("SameSite", "Lax");
            }
        } catch (IllegalStateException | UnsupportedOperationException notAllowed) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: could not harden the session cookie ("
                    + notAllowed.getClass().getSimpleName() + "); set HttpOnly and SameSite=Lax in the server");
        }
    }
}
