package io.github.passage4j.provider;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scopes Passage knows, and the claims each releases. */
final class Scopes {

    static final String OPENID = "openid";
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    /** In the order discovery lists them. */
    static final List<String> SUPPORTED = List.of(OPENID, EMAIL, PHONE);

    private Scopes() {
    }

    /**
     * @param scope a space-separated scope parameter, or {@code null}
     * @return the scopes in it that the provider knows, in request order; unknown ones are dropped, as Passage does
     */
    static Set<String> granted(String scope) {
        Set<String> granted = new LinkedHashSet<>();
        if (scope != null) {
            Arrays.stream(scope.trim().split(" +")).filter(SUPPORTED::contains).forEach(granted::add);
        }
        return Collections.unmodifiableSet(granted);
    }

    /**
     * @param scope a space-separated scope parameter, or {@code null}
     * @return every scope in it, known or not
     */
    static Set<String> requested(String scope) {
        Set<String> requested = new LinkedHashSet<>();
        if (scope != null && !scope.isBlank()) {
            requested.addAll(Arrays.asList(scope.trim().split(" +")));
        }
        return requested;
    }

    /**
     * @param scopes scopes
     * @return them space-separated
     */
    static String join(Set<String> scopes) {
        return String.join(" ", scopes);
    }
}
