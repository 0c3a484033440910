package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Makes the current caller's {@link PassageProfile} and {@link PassageTokens} injectable. The products are request
 * scoped, so an injected profile always belongs to the request being served, even in an application-scoped bean.
 */
@Dependent
class PassageCallerProducer {

    @Inject
    HttpServletRequest request;

    @Produces
    @RequestScoped
    PassageProfile profile() {
        return current().profile();
    }

    @Produces
    @RequestScoped
    PassageTokens tokens() {
        PassageTokens tokens = current().tokens();
        if (tokens == null) {
            throw new IllegalStateException("Passage4J: the caller was authenticated by a bearer token; there are no "
                    + "Passage session tokens for this request");
        }
        return tokens;
    }

    private SignedInCaller current() {
        if (request.getAttribute(PassageAuthenticationMechanism.CURRENT_CALLER) instanceof SignedInCaller caller) {
            return caller;
        }
        throw new IllegalStateException("Passage4J: no Passage user is signed in for this request");
    }
}
