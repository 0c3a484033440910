package io.github.passage4j.oidc;

/**
 * Makes a value received from the provider fit for an exception message or a log line: messages
 * end up in logs, and a value with line breaks or of unbounded length could forge or flood entries.
 */
final class SafeText {

    private static final int MAX_LENGTH = 200;

    private SafeText() {
    }

    /** The value itself if it is short, printable ASCII; a placeholder otherwise. */
    static String of(String value) {
        if (value.length() <= MAX_LENGTH && value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return value;
        }
        return "(value withheld: too long or not printable)";
    }
}
