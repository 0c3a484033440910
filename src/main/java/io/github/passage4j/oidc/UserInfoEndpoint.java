package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/** The UserInfo endpoint (OIDC Core 5.3): more claims about the signed-in user, fetched with the access token. */
final class UserInfoEndpoint {

    private final ProviderHttp http;

    UserInfoEndpoint(ProviderHttp http) {
        this.http = http;
    }

    Map<String, Object> fetch(URI endpoint, String accessToken, String expectedSubject)
            throws ProviderUnavailableException, ProviderRejectedException {
        HttpAnswer answer = http.getWithBearer(endpoint, "userinfo", accessToken);
        if (answer.status() == 401 || answer.status() == 403) {
            throw new ProviderRejectedException("OIDC Core 5.3.3: userinfo refused the access token (HTTP "
                    + answer.status() + ")");
        }
        if (!answer.isSuccess()) {
            throw Failures.unavailable("userinfo (" + UriRules.forLog(endpoint) + ") answered HTTP " + answer.status());
        }
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(answer.bodyText());
        } catch (ParseException notJson) {
            // signed or encrypted userinfo (application/jwt) is not requested by this client, so not expected
            throw Failures.unavailable("userinfo answered with something other than a JSON object");
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
}
