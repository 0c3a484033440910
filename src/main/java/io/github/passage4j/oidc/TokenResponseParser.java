package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Interprets the token endpoint's answer: a successful token response (RFC 6749 5.1, OIDC Core
 * 3.1.3.3, or 12.2 after a refresh) or an error response (RFC 6749 5.2).
 *
 * <p>Classification: an OAuth error (400 or 401) is a rejection; any other status, or a body that
 * is not a JSON object, means the provider is not working properly, hence unavailable. A JSON
 * success answer that lacks what OIDC requires is a rejection: retrying would not help.
 */
final class TokenResponseParser {

    /** The grant the answer is for: what was refused, and whether the answer must hold an ID token. */
    enum Grant {
        /** OIDC Core 3.1.3.3: the answer contains an ID token. */
        AUTHORIZATION_CODE("the code", true),
        /** OIDC Core 12.2: as 3.1.3.3, except that it might not contain an ID token. */
        REFRESH_TOKEN("the refresh token", false);

        private final String refused;
        private final boolean idTokenRequired;

        Grant(String refused, boolean idTokenRequired) {
            this.refused = refused;
            this.idTokenRequired = idTokenRequired;
        }
    }

    /** RFC 6749 5.2: error codes use %x20-21 / %x23-5B / %x5D-7E; we keep them short for messages. */
    private static final Pattern SAFE_ERROR_CODE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

    private TokenResponseParser() {
    }

    static TokenResponse parse(HttpAnswer answer, Instant receivedAt, Grant grant)
            throws ProviderUnavailableException, ProviderRejectedException {
        return parse(answer, receivedAt, grant, false);
    }

    /**
     * @param dpopProofSent whether the request carried a DPoP proof, so that the tokens must be DPoP-bound
     */
    static TokenResponse parse(HttpAnswer answer, Instant receivedAt, Grant grant, boolean dpopProofSent)
            throws ProviderUnavailableException, ProviderRejectedException {
        int status = answer.status();
        if (status == 400 || status == 401) {
            throw rejection(answer, grant);
        }
        if (status != 200) {
            throw Failures.unavailable("token endpoint answered HTTP " + status);
        }
        Map<String, Object> json = parseJson(answer);
        String idToken = string(json, "id_token");
        String accessToken = string(json, "access_token");
        String tokenType = string(json, "token_type");
        // RFC 6749 5.1: access_token and token_type are REQUIRED
        if (accessToken == null || accessToken.isEmpty()) {
            throw new ProviderRejectedException("RFC 6749 5.1: token response has no access_token");
        }
        if (dpopProofSent) {
            // RFC 9449 5: a server that honours the proof answers token_type DPoP (case-insensitive, RFC 6749
            // 5.1); Bearer means an unbound token, which a client that asked for binding must not accept (a thief
            // of it needs no key), whatever the profile
            if ("Bearer".equalsIgnoreCase(tokenType)) {
                throw new ProviderRejectedException("RFC 9449 5: token_type Bearer although a DPoP proof was sent");
            }
            if (!"DPoP".equalsIgnoreCase(tokenType)) {
                throw new ProviderRejectedException("RFC 9449 5: token_type is not DPoP");
            }
        } else if (!"Bearer".equalsIgnoreCase(tokenType)) {
            // RFC 6750 / OIDC Core 3.1.3.3: the token type must be Bearer, compared case-insensitively
            throw new ProviderRejectedException("OIDC Core 3.1.3.3: token_type is not Bearer");
        }
        // OIDC Core 3.1.3.3: an OpenID token response contains an ID token (12.2: a refresh response may not)
        if (grant.idTokenRequired && (idToken == null || idToken.isEmpty())) {
            throw new ProviderRejectedException("OIDC Core 3.1.3.3: token response has no id_token");
        }
        // an empty id_token or refresh_token (seen after refreshes) is taken as none: a caller must keep
        // the refresh token it has rather than replace it with nothing (RFC 6749 6)
        return new TokenResponse(emptyAsNull(idToken), accessToken, emptyAsNull(string(json, "refresh_token")),
                tokenType, expiresAt(json.get("expires_in"), receivedAt), string(json, "scope"));
    }

    private static ProviderRejectedException rejection(HttpAnswer answer, Grant grant) {
        String code = null;
        try {
            if (JSONObjectUtils.parse(answer.bodyText()).get("error") instanceof String error
                    && SAFE_ERROR_CODE.matcher(error).matches()) {
                code = error;
            }
        } catch (ParseException | RuntimeException e) {
            // no usable error code: the status alone says enough
        }
        // RFC 6749 5.2: the provider refused the grant; error_description is not repeated (free text from outside)
        return new ProviderRejectedException("RFC 6749 5.2: token endpoint refused " + grant.refused + " (HTTP "
                + answer.status()
                + (code == null ? "" : ", error " + code) + ")");
    }

    private static Map<String, Object> parseJson(HttpAnswer answer) throws ProviderUnavailableException {
        try {
            return JSONObjectUtils.parse(answer.bodyText());
        } catch (ParseException | RuntimeException e) {
            throw Failures.unavailable("token endpoint answered with something other than a JSON object");
        }
    }

    private static String string(Map<String, Object> json, String name) throws ProviderRejectedException {
        Object value = json.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new ProviderRejectedException("RFC 6749 5.1: " + name + " in the token response is not a string");
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant expiresAt(Object expiresIn, Instant receivedAt) {
        // RFC 6749 5.1: expires_in is a number of seconds; some providers send it as a string
        long seconds;
        if (expiresIn instanceof Number number) {
            seconds = number.longValue();
        } else if (expiresIn instanceof String text && text.matches("\\d{1,10}")) {
            seconds = Long.parseLong(text);
        } else {
            return null;
        }
        return seconds > 0 ? receivedAt.plusSeconds(seconds) : null;
    }
}
