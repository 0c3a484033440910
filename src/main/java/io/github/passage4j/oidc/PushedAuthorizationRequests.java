package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Pushes authorization requests to the provider's {@code pushed_authorization_request_endpoint} (RFC 9126 2), with
 * the client's {@link ClientAuthentication} as at the token endpoint, and reads the {@code request_uri} the browser
 * then carries instead of the parameters.
 *
 * <p>Classification, as for the token endpoint: an OAuth error (400 or 401, RFC 9126 2.3) is a rejection naming the
 * error code; a 5xx or any other status, a timeout, or a body that is not a JSON object means the provider is
 * unavailable; a {@code 201} answer without a usable {@code request_uri} or {@code expires_in} is a rejection, since
 * retrying would not help. A {@code 200} is refused too: RFC 9126 2.2 says the provider MUST answer 201 Created.
 */
final class PushedAuthorizationRequests {

    /** RFC 6749 5.2: error codes use %x20-21 / %x23-5B / %x5D-7E; we keep them short for messages. */
    private static final Pattern SAFE_ERROR_CODE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    /** A request URI travels in the browser's query string; anything longer than this is not one a provider means. */
    private static final int MAX_REQUEST_URI_LENGTH = 2048;

    private final ProviderHttp http;
    private final URI issuer;

    /**
     * @param http the provider's HTTP client, which bounds time and body size
     * @param issuer the issuer, the audience of client assertions
     */
    PushedAuthorizationRequests(ProviderHttp http, URI issuer) {
        this.http = Objects.requireNonNull(http, "http");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * What the provider answered a push with (RFC 9126 2.2).
     *
     * @param requestUri the single-use reference to the pushed request
     * @param lifetime how long the reference is valid ({@code expires_in}), positive
     */
    record PushedRequest(String requestUri, Duration lifetime) {
    }

    /**
     * POSTs the authorization request parameters (RFC 9126 2.1).
     *
     * @param authentication how the client authenticates, as at the token endpoint
     * @param endpoint the provider's {@code pushed_authorization_request_endpoint}
     * @param parameters the authorization request parameters (or {@code client_id} and {@code request})
     * @return the request URI and its lifetime
     * @throws ProviderUnavailableException on network failure, timeout, a status other than 201, 400 and 401, or a
     *     body that is not a JSON object
     * @throws ProviderRejectedException if the provider refuses the request or its answer breaks RFC 9126 2.2
     */
    PushedRequest push(ClientAuthentication authentication, URI endpoint, Map<String, String> parameters)
            throws ProviderUnavailableException, ProviderRejectedException {
        return push(authentication, endpoint, issuer, parameters);
    }

    /**
     * As {@link #push(ClientAuthentication, URI, Map)}, naming the issuer exactly as discovery spells it as the
     * audience of a client assertion.
     */
    PushedRequest push(ClientAuthentication authentication, URI endpoint, URI audience, Map<String, String> parameters)
            throws ProviderUnavailableException, ProviderRejectedException {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 9126 2.1: the client authenticates as at the token endpoint; FAPI 2.0 wants the issuer as audience
        authentication.authenticate(endpoint, audience, form, headers);
        HttpAnswer answer = http.postForm(endpoint, "pushed authorization request endpoint", FormEncoding.form(form),
                headers);
        return parse(answer);
    }

    /** Interprets the answer of the PAR endpoint; cheap checks only, nothing in it is signed. */
    static PushedRequest parse(HttpAnswer answer) throws ProviderUnavailableException, ProviderRejectedException {
        int status = answer.status();
        if (status == 400 || status == 401) {
            throw rejection(answer);
        }
        if (status >= 200 && status < 300 && status != 201) {
            throw new ProviderRejectedException("RFC 9126 2.2: the pushed authorization request endpoint answered "
                    + "HTTP " + status + " instead of 201 Created");
        }
        if (status != 201) {
            throw Failures.unavailable("pushed authorization request endpoint answered HTTP " + status);
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(answer.bodyText());
        } catch (ParseException | RuntimeException e) {
            throw Failures.unavailable("pushed authorization request endpoint answered with something other than a "
                    + "JSON object");
        }
        return new PushedRequest(requestUri(json.get("request_uri")), lifetime(json.get("expires_in")));
    }

    private static String requestUri(Object value) throws ProviderRejectedException {
        // RFC 9126 2.2: request_uri is REQUIRED
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new ProviderRejectedException("RFC 9126 2.2: the pushed authorization response has no request_uri");
        }
        if (text.length() > MAX_REQUEST_URI_LENGTH) {
            throw new ProviderRejectedException("RFC 9126 2.2: the request_uri is longer than "
                    + MAX_REQUEST_URI_LENGTH + " characters");
        }
        try {
            // RFC 9126 2.2: the request URI is a URI (typically urn:ietf:params:oauth:request_uri:...)
            if (!new URI(text).isAbsolute()) {
                throw new ProviderRejectedException("RFC 9126 2.2: the request_uri is not an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw new ProviderRejectedException("RFC 9126 2.2: the request_uri is not a URI");
        }
        return text;
    }

    private static Duration lifetime(Object value) throws ProviderRejectedException {
        // RFC 9126 2.2: expires_in is REQUIRED, a JSON number, a positive integer of seconds
        if (value == null) {
            throw new ProviderRejectedException("RFC 9126 2.2: the pushed authorization response has no expires_in");
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() <= 0) {
            throw new ProviderRejectedException("RFC 9126 2.2: expires_in is not a positive integer");
        }
        return Duration.ofSeconds(number.longValue());
    }

    private static ProviderRejectedException rejection(HttpAnswer answer) {
        String code = null;
        try {
            if (JSONObjectUtils.parse(answer.bodyText()).get("error") instanceof String error
                    && SAFE_ERROR_CODE.matcher(error).matches()) {
                code = error;
            }
        } catch (ParseException | RuntimeException e) {
            // no usable error code: the status alone says enough
        }
        // RFC 9126 2.3: error_description is free text from outside and is not repeated
        return new ProviderRejectedException("RFC 9126 2.3: the pushed authorization request endpoint refused the "
                + "request (HTTP " + answer.status() + (code == null ? "" : ", error " + code) + ")");
    }
}
