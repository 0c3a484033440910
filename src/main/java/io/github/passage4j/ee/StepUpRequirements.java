package io.github.passage4j.ee;

import io.github.passage4j.oidc.AuthenticationRequirement;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code stepUp} setting: URL patterns of the app, each with the {@link AuthenticationRequirement} its resources
 * have. Patterns are those of a {@code web.xml} {@code <url-pattern>} and are matched the same way (Servlet 6.0
 * 12.1 and 13.8.3: an exact path, then the longest {@code /prefix/*}, then {@code *.extension}, then {@code /}), so
 * that a requirement covers exactly what a security constraint of the same pattern would. Only the best match
 * applies, as for security constraints.
 */
final class StepUpRequirements {

    /** None: the sign-in level of every resource is the app's default. */
    static final StepUpRequirements NONE = new StepUpRequirements(Map.of());

    private final Map<String, AuthenticationRequirement> exact;
    /** {@code /prefix/*} patterns without their {@code /*}, longest first. */
    private final List<Map.Entry<String, AuthenticationRequirement>> prefixes;
    private final Map<String, AuthenticationRequirement> extensions;
    private final AuthenticationRequirement fallback;

    /**
     * @param byPattern the requirements by URL pattern
     * @throws IllegalArgumentException naming a pattern that is no URL pattern
     */
    StepUpRequirements(Map<String, AuthenticationRequirement> byPattern) {
        Map<String, AuthenticationRequirement> exactPaths = new HashMap<>();
        List<Map.Entry<String, AuthenticationRequirement>> prefixPaths = new ArrayList<>();
        Map<String, AuthenticationRequirement> extensionPaths = new HashMap<>();
        AuthenticationRequirement everything = null;
        for (Map.Entry<String, AuthenticationRequirement> entry : new LinkedHashMap<>(byPattern).entrySet()) {
            String pattern = entry.getKey();
            if (pattern.equals("/")) {
                everything = entry.getValue();
            } else if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
                    && pattern.indexOf('*', 1) < 0) {
                extensionPaths.put(pattern.substring(1), entry.getValue());
            } else if (pattern.startsWith("/") && pattern.endsWith("/*") && pattern.indexOf('*') == pattern.length() - 1) {
                prefixPaths.add(Map.entry(pattern.substring(0, pattern.length() - 2), entry.getValue()));
            } else if (pattern.startsWith("/") && pattern.indexOf('*') < 0) {
                exactPaths.put(pattern, entry.getValue());
            } else {
                throw new IllegalArgumentException("'" + pattern + "' is no URL pattern (/exact, /prefix/*, *.ext or /)");
            }
        }
        prefixPaths.sort(Comparator.comparingInt((Map.Entry<String, AuthenticationRequirement> each) ->
                each.getKey().length()).reversed());
        this.exact = Map.copyOf(exactPaths);
        this.prefixes = List.copyOf(prefixPaths);
        this.extensions = Map.copyOf(extensionPaths);
        this.fallback = everything;
    }

    boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty() && extensions.isEmpty() && fallback == null;
    }

    /**
     * The requirement of the resource a request is for, matched on the path the container mapped the request by
     * (servlet path and path info: decoded, without path parameters or dot segments), never on the raw request URI,
     * which {@code /%61dmin} or {@code /admin;x/} would let slip past a pattern.
     */
    Optional<AuthenticationRequirement> forRequest(HttpServletRequest request) {
        if (isEmpty()) {
            return Optional.empty();
        }
        String pathInfo = request.getPathInfo();
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        return forPath(path.isEmpty() ? "/" : path);
    }

    Optional<AuthenticationRequirement> forPath(String path) {
        AuthenticationRequirement match = exact.get(path);
        if (match == null && path.length() > 1 && path.endsWith("/")) {
            // Jakarta REST serves /api/transfer/ as /api/transfer: a requirement on one covers the other
            match = exact.get(path.substring(0, path.length() - 1));
        }
        if (match != null) {
            return Optional.of(match);
        }
        for (Map.Entry<String, AuthenticationRequirement> prefix : prefixes) {
            String start = prefix.getKey();
            if (path.equals(start) || path.startsWith(start + "/") || start.isEmpty()) {
                return Optional.of(prefix.getValue());
            }
        }
        // Servlet 6.0 12.1: the extension is what follows the last '.' of the last segment
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/')) {
            match = extensions.get(path.substring(dot));
            if (match != null) {
                return Optional.of(match);
            }
        }
        return Optional.ofNullable(fallback);
    }
}
