package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The UserInfo endpoint (OIDC Core 5.3): more claims about the signed-in user, fetched with the access token. */
final class UserInfoEndpoint {

    private final ProviderHttp http;
    private final Clock clock;
    private final DpopNonces dpopNonces = new DpopNonces();
    /** Reads signed and encrypted answers; null: JSON only. */
    private final UserInfoResponse responses;

    UserInfoEndpoint(ProviderHttp http) {
        this(http, Clock.systemUTC());
    }

    UserInfoEndpoint(ProviderHttp http, Clock clock) {
        this(http, clock, null);
    }

    /**
     * @param responses reads {@code application/jwt} answers (OIDC Core 5.3.2); null when only JSON is read
     */
    UserInfoEndpoint(ProviderHttp http, Clock clock, UserInfoResponse responses) {
        this.http = http;
        this.clock = clock;
        this.responses = responses;
    }

    Map<String, Object> fetch(URI endpoint, String accessToken, String expectedSubject)
            throws ProviderUnavailableException, ProviderRejectedException {
        return fetch(endpoint, accessToken, expectedSubject, null);
    }

    /**
     * @param dpopKey the key the access token is bound to, or null for a bearer token
     */
    Map<String, Object> fetch(URI endpoint, String accessToken, String expectedSubject, DpopKey dpopKey)
            throws ProviderUnavailableException, ProviderRejectedException {
        return fetch(endpoint, accessToken, expectedSubject, dpopKey, null);
    }

    /**
     * @param dpopKey the key the access token is bound to, or null for a bearer token
     * @param metadata the provider's configuration, for a signed answer's {@code iss} and keys; null reads JSON only
     */
    Map<String, Object> fetch(URI endpoint, String accessToken, String expectedSubject, DpopKey dpopKey,
            ProviderMetadata metadata) throws ProviderUnavailableException, ProviderRejectedException {
        HttpAnswer answer;
        if (dpopKey == null) {
            answer = http.getWithBearer(endpoint, "userinfo", accessToken);
        } else {
            answer = getWithDpop(endpoint, accessToken, dpopKey);
            if (dpopNonces.remember(endpoint, answer) && DpopNonces.resourceServerAsksForNonce(answer)) {
                // RFC 9449 9: the resource server wants a nonce in the proof; one retry with it, never more
                answer = getWithDpop(endpoint, accessToken, dpopKey);
                dpopNonces.remember(endpoint, answer);
            }
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new ProviderRejectedException("OIDC Core 5.3.3: userinfo refused the access token (HTTP "
                    + answer.status() + ")");
        }
        if (!answer.isSuccess()) {
            throw Failures.unavailable("userinfo (" + UriRules.forLog(endpoint) + ") answered HTTP " + answer.status());
        }
        Map<String, Object> claims;
        if (responses != null && metadata != null) {
            // OIDC Core 5.3.2: JSON, or a signed and/or encrypted JWT (application/jwt)
            claims = responses.claims(answer, metadata);
        } else {
            try {
                claims = JSONObjectUtils.parse(answer.bodyText());
            } catch (ParseException notJson) {
                throw Failures.unavailable("userinfo answered with something other than a JSON object");
            }
        }
        // OIDC Core 5.3.2: the sub of the userinfo response must exactly match the ID token's, else the
        // response may belong to another user (token substitution) and none of it may be used
        Object subject = claims.get("sub");
        if (!(subject instanceof String text) || !MessageDigest.isEqual(
                text.getBytes(StandardCharsets.UTF_8), expectedSubject.getBytes(StandardCharsets.UTF_8))) {
            throw new ProviderRejectedException("OIDC Core 5.3.2: userinfo sub does not match the ID token's sub");
        }
        return JsonValues.immutableObject(claims);
    }

    /** RFC 9449 7.1: the token under the DPoP scheme, with a proof that names it by its hash ({@code ath}). */
    private HttpAnswer getWithDpop(URI endpoint, String accessToken, DpopKey dpopKey)
            throws ProviderUnavailableException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "DPoP " + accessToken);
        headers.put("DPoP", dpopKey.proof("GET", endpoint, accessToken, dpopNonces.latest(endpoint), clock.instant()));
        return http.getWithHeaders(endpoint, "userinfo", headers);
    }
}
