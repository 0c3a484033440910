package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

/**
 * The established caller: what later requests need to be recognised without calling the provider.
 *
 * @param profile the caller principal
 * @param groups  the caller's groups (roles)
 * @param tokens  the caller's tokens
 */
record SignedInCaller(PassageProfile profile, Set<String> groups, PassageTokens tokens) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    SignedInCaller {
        groups = Set.copyOf(groups);
    }

    @Override
    public String toString() {
        return "SignedInCaller[" + profile + ", groups=" + groups + "]";
    }
}
