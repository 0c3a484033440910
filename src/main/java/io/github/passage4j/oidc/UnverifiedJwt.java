package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What may be done with a compact JWT before anything in it is verified: a single pass over its characters that
 * refuses whatever cannot be a JWS before any decoder or JSON parser sees it, and a look at its {@code iss}, only to
 * choose which issuer's validator is asked. Everything here costs time linear in a bounded input and allocates no
 * more than the input's size, since anyone on the network can send it.
 */
public final class UnverifiedJwt {

    /**
     * The longest token read at all where a token arrives unasked (bearer header, cookie, logout form): real access,
     * element and logout tokens are a few kilobytes.
     */
    public static final int MAX_LENGTH = 16_384;
    /** An {@code iss} longer than this names no configured issuer; it is never compared or normalised. */
    public static final int MAX_ISSUER_LENGTH = 512;
    /**
     * The longest base64url JOSE header accepted: {@code alg}, {@code kid}, {@code typ} take a few hundred characters;
     * a header with a whole key ({@code jwk}, refused later anyway) still fits.
     */
    static final int MAX_HEADER_LENGTH = 4_096;

    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE64URL[c] = true;
            BASE64URL[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            BASE64URL[c] = true;
        }
        BASE64URL['-'] = true;
        BASE64URL['_'] = true;
    }

    private UnverifiedJwt() {
    }

    /**
     * Whether the text has the shape of a compact JWS (RFC 7515 7.1): three base64url segments, header and payload
     * not empty, the header at most {@link #MAX_HEADER_LENGTH} characters.
     *
     * @param compact the untrusted text
     * @return null when it may be a JWS, else what is wrong, safe to log (the input is never quoted)
     */
    static String shapeProblem(String compact) {
        int segments = segments(compact);
        if (segments < 0) {
            return "is not base64url segments separated by dots, with a header of at most " + MAX_HEADER_LENGTH
                    + " characters";
        }
        return segments == 3 ? null : "has " + segments + " segments instead of 3";
    }

    /**
     * Whether the text has the shape of a compact JWE (RFC 7516 7.1): five base64url segments, the header not empty
     * and at most {@link #MAX_HEADER_LENGTH} characters. Only to tell an encrypted token apart in messages.
     */
    static boolean hasEncryptedShape(String compact) {
        return segments(compact) == 5;
    }

    /**
     * One pass: the number of dot-separated segments (at most 5), or -1 when a character is outside base64url, there
     * are more than 5 segments, the header is empty or too long, or a three-segment token has an empty payload.
     */
    private static int segments(String compact) {
        if (compact.isEmpty()) {
            return -1;
        }
        int dots = 0;
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '.') {
                dots++;
                if (dots > 4) {
                    return -1;
                }
                firstDot = dots == 1 ? i : firstDot;
                secondDot = dots == 2 ? i : secondDot;
            } else if (c >= 128 || !BASE64URL[c] || (dots == 0 && i >= MAX_HEADER_LENGTH)) {
                return -1;
            }
        }
        // an empty header, or an empty payload where a JWS needs one (a JWE's encrypted key may be empty)
        if (firstDot == 0 || (dots == 2 && secondDot == firstDot + 1)) {
            return -1;
        }
        return dots + 1;
    }

    /**
     * The {@code iss} of a JWT read WITHOUT verifying anything, only to choose the validator that then checks
     * everything. Empty when the text is longer than {@link #MAX_LENGTH}, has no JWS shape ({@link #shapeProblem}),
     * or its payload has no top-level string {@code iss} of at most {@link #MAX_ISSUER_LENGTH} characters before
     * anything malformed. The payload is read in one pass that stops at {@code iss} ({@link #topLevelIssuer}), not
     * parsed as a whole: a JSON parser takes tens of microseconds for a payload the size of the cap.
     *
     * @param compact the untrusted token
     * @return the unverified issuer, if there is a plausible one
     */
    public static Optional<String> issuer(String compact) {
        if (compact.isEmpty() || compact.length() > MAX_LENGTH || shapeProblem(compact) != null) {
            return Optional.empty();
        }
        int firstDot = compact.indexOf('.');
        String payload = compact.substring(firstDot + 1, compact.indexOf('.', firstDot + 1));
        try {
            return Optional.ofNullable(topLevelIssuer(new String(Base64.getUrlDecoder().decode(payload),
                    StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException notBase64url) {
            return Optional.empty();
        }
    }

    /**
     * The string value of the member {@code iss} of the JSON object (RFC 8259) the text starts with, read in one
     * forward pass without recursion: members before it are skipped (nested values by counting brackets), reading
     * stops at it, and an {@code iss} longer than {@link #MAX_ISSUER_LENGTH} is not read to its end. A duplicate
     * {@code iss} is not looked for: the value only chooses a validator, which compares the verified claim exactly.
     *
     * @return the value, or null when the text is no object as far as read, or has no such string member
     */
    static String topLevelIssuer(String json) {
        JsonCursor cursor = new JsonCursor(json);
        if (!cursor.skipWhitespaceAndExpect('{')) {
            return null;
        }
        cursor.skipWhitespace();
        if (cursor.peek() == '}') {
            return null;
        }
        while (true) {
            if (cursor.peek() != '"') {
                return null;
            }
            String name = cursor.readString(Integer.MAX_VALUE);
            if (name == null || !cursor.skipWhitespaceAndExpect(':')) {
                return null;
            }
            cursor.skipWhitespace();
            if ("iss".equals(name)) {
                return cursor.peek() == '"' ? cursor.readString(MAX_ISSUER_LENGTH) : null;
            }
            if (!cursor.skipValue()) {
                return null;
            }
            cursor.skipWhitespace();
            if (cursor.peek() != ',') {
                return null;
            }
            cursor.next();
            cursor.skipWhitespace();
        }
    }

    /** A position in a JSON text; every method moves forward only. */
    private static final class JsonCursor {

        private static final char END = '\uffff';

        private final String text;
        private int at;

        JsonCursor(String text) {
            this.text = text;
        }

        char peek() {
            return at < text.length() ? text.charAt(at) : END;
        }

        char next() {
            return at < text.length() ? text.charAt(at++) : END;
        }

        void skipWhitespace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        boolean skipWhitespaceAndExpect(char expected) {
            skipWhitespace();
            return next() == expected;
        }

        /**
         * Reads a string at the cursor (which is at its opening quote), escapes decoded.
         *
         * @param maxLength longer values are not wanted: null as soon as the value exceeds it
         * @return the value, or null when malformed or too long
         */
        String readString(int maxLength) {
            next();
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == END || c < 0x20) {
                    return null;
                }
                if (c == '\\') {
                    c = unescape();
                    if (c == END) {
                        return null;
                    }
                }
                if (value.length() == maxLength) {
                    return null;
                }
                value.append(c);
            }
        }

        /** The character of the escape after a backslash (RFC 8259 7), or END when invalid. */
        private char unescape() {
            char c = next();
            switch (c) {
                case '"', '\\', '/' -> {
                    return c;
                }
                case 'b' -> {
                    return '\b';
                }
                case 'f' -> {
                    return '\f';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 't' -> {
                    return '\t';
                }
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        return END;
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(next(), 16);
                        if (digit < 0) {
                            return END;
                        }
                        code = code * 16 + digit;
                    }
                    return code == END ? '\ufffd' : (char) code;
                }
                default -> {
                    return END;
                }
            }
        }

        /**
         * Skips one value: a string, or an object or array by counting brackets outside strings (no recursion, so no
         * depth limit is needed), or a number or literal up to the next delimiter. Not validated further: what is
         * skipped decides nothing.
         */
        boolean skipValue() {
            char first = peek();
            if (first == '"') {
                return skipString();
            }
            if (first == '{' || first == '[') {
                int depth = 0;
                while (true) {
                    char c = peek();
                    if (c == END) {
                        return false;
                    }
                    if (c == '"') {
                        if (!skipString()) {
                            return false;
                        }
                        continue;
                    }
                    next();
                    if (c == '{' || c == '[') {
                        depth++;
                    } else if (c == '}' || c == ']') {
                        depth--;
                        if (depth == 0) {
                            return true;
                        }
                    }
                }
            }
            int start = at;
            while (at < text.length() && ",}] \t\n\r".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return at > start;
        }

        private boolean skipString() {
            next();
            while (true) {
                char c = next();
                if (c == '"') {
                    return true;
                }
                if (c == END) {
                    return false;
                }
                if (c == '\\') {
                    next();
                }
            }
        }
    }
}
