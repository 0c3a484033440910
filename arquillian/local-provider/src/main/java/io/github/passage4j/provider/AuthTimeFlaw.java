package io.github.passage4j.provider;

/**
 * What is wrong with the {@code auth_time} of the ID tokens the provider issues ({@link Behaviour#authTime}). A
 * relying party that sent {@code max_age} must refuse either flaw (OIDC Core 3.1.3.7 step 13); one that did not must
 * accept both, since {@code auth_time} is then optional and its age no concern of the relying party's.
 */
public enum AuthTimeFlaw {
    /** {@code auth_time} is the time the user signed in on the login page, as it should be. */
    NONE,
    /** The ID token has no {@code auth_time}, although the authorization request sent {@code max_age}. */
    MISSING,
    /**
     * {@code auth_time} lies {@link #TOO_OLD_BY} before the sign-in: as if the provider had kept an old session
     * instead of authenticating the user again as {@code max_age} asked. Still before {@code iat}, so only the
     * max_age rule breaks.
     */
    TOO_OLD;

    /** How far back {@link #TOO_OLD} moves {@code auth_time}: more than any max_age a test sends. */
    public static final java.time.Duration TOO_OLD_BY = java.time.Duration.ofDays(1);
}
