package io.github.passage4j.ee;

import java.util.regex.Pattern;

/** Makes a provider's {@code error} value fit to show and log: only the shape RFC 6749 gives error codes. */
final class ErrorCodes {

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private ErrorCodes() {
    }

    static String safe(String error) {
        return error != null && ERROR_CODE.matcher(error).matches() ? error : "unknown error";
    }
}
