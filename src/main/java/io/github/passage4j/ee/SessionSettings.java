package io.github.passage4j.ee;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the app keeps its signed-in sessions; one for all definitions of the app, since a browser has one session
 * whichever provider it signed in with.
 *
 * @param stateless          whether the session lives in encrypted cookies instead of the {@code HttpSession}
 * @param cookieKeys         the cookie encryption keys; {@link CookieKeys#NONE} unless stateless
 * @param endedSessionsCache where ended sessions are listed: empty (this JVM), a {@code java:} JNDI name of a shared
 *                           map, or a JCache cache name
 * @param maxAge             the longest a sign-in lasts, and how long an ended session is remembered
 * @param endedSessionsCacheTimeout the longest one operation on a shared ended-sessions cache may take before the
 *                           request is answered 503
 * @param baseUrl            the app's external URL (behind a proxy that terminates TLS: the https URL browsers see),
 *                           with or without its context path; null to take it from each request. One for the app, like
 *                           its cookies
 */
record SessionSettings(boolean stateless, CookieKeys cookieKeys, String endedSessionsCache, Duration maxAge,
                       Duration endedSessionsCacheTimeout, URI baseUrl) {

    /** {@code endedSessionsCacheTimeout}'s default: a healthy cache answers in milliseconds, a hung one never. */
    static final Duration DEFAULT_CACHE_TIMEOUT = Duration.ofSeconds(2);

    /** The HTTP session, an in-memory list of ended sessions, 12 hours. */
    static final SessionSettings DEFAULT = new SessionSettings(false, CookieKeys.NONE, "", Duration.ofHours(12));

    /** Settings with the default cache timeout that take the base URL from each request. */
    SessionSettings(boolean stateless, CookieKeys cookieKeys, String endedSessionsCache, Duration maxAge) {
        this(stateless, cookieKeys, endedSessionsCache, maxAge, DEFAULT_CACHE_TIMEOUT, null);
    }

    /** Settings with the default cache timeout. */
    SessionSettings(boolean stateless, CookieKeys cookieKeys, String endedSessionsCache, Duration maxAge,
                    URI baseUrl) {
        this(stateless, cookieKeys, endedSessionsCache, maxAge, DEFAULT_CACHE_TIMEOUT, baseUrl);
    }

    /** Settings that take the base URL from each request. */
    SessionSettings(boolean stateless, CookieKeys cookieKeys, String endedSessionsCache, Duration maxAge,
                    Duration endedSessionsCacheTimeout) {
        this(stateless, cookieKeys, endedSessionsCache, maxAge, endedSessionsCacheTimeout, null);
    }

    SessionSettings {
        Objects.requireNonNull(cookieKeys);
        Objects.requireNonNull(endedSessionsCache);
        if (stateless && cookieKeys.isEmpty()) {
            throw new IllegalArgumentException("stateless sessions need cookie encryption keys");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        if (endedSessionsCacheTimeout.isNegative() || endedSessionsCacheTimeout.isZero()) {
            throw new IllegalArgumentException("endedSessionsCacheTimeout must be positive");
        }
    }

    /** Never shows the keys. */
    @Override
    public String toString() {
        return "SessionSettings[stateless=" + stateless + ", keys=" + cookieKeys + ", endedSessionsCache="
                + endedSessionsCache + ", maxAge=" + maxAge + ", endedSessionsCacheTimeout=" + endedSessionsCacheTimeout
                + ", baseUrl=" + baseUrl + "]";
    }
}
