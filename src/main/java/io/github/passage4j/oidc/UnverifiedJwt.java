package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
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
     * has no string {@code iss}, or one longer than {@link #MAX_ISSUER_LENGTH}.
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
            // the payload is bounded by MAX_LENGTH and the JSON parser limits nesting; the JDK's decoder, since
            // Nimbus' Base64URL takes about 0.1-0.3 ms for 12 KB where it takes a few microseconds
            String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            if (JSONObjectUtils.parse(json).get("iss") instanceof String issuer
                    && issuer.length() <= MAX_ISSUER_LENGTH) {
                return Optional.of(issuer);
            }
        } catch (ParseException | RuntimeException notAJwt) {
            // no JSON object: no issuer
        }
        return Optional.empty();
    }
}
