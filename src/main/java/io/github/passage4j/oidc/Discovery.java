package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;

/**
 * Fetches the provider's configuration once and keeps it; a failed fetch is retried by a later
 * caller once the {@link FailureBackoff} window has passed.
 *
 * <p>Fetches are serialised, so a crowd of first sign-ins causes a single discovery request.
 */
final class Discovery {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final ProviderHttp http;
    private final URI configuredIssuer;
    private final FailureBackoff backoff;
    private volatile ProviderMetadata metadata;

    Discovery(ProviderHttp http, URI configuredIssuer, FailureBackoff backoff) {
        this.http = http;
        this.configuredIssuer = configuredIssuer;
        this.backoff = backoff;
    }

    ProviderMetadata metadata() throws ProviderUnavailableException, ProviderRejectedException {
        ProviderMetadata known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata != null) {
                return metadata;
            }
            backoff.throwIfRecent();
            try {
                metadata = fetch();
                backoff.clear();
                return metadata;
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                backoff.record(e);
                throw e;
            }
        }
    }

    private ProviderMetadata fetch() throws ProviderUnavailableException, ProviderRejectedException {
        // OIDC Discovery 4.1: the path is appended to the issuer after removing any terminating slash
        URI location = URI.create(UriRules.withoutTrailingSlash(configuredIssuer.toString()) + WELL_KNOWN);
        HttpAnswer answer = http.get(location, "discovery");
        if (!answer.isSuccess()) {
            // OIDC Discovery 4.2: a successful answer is 200 OK
            throw Failures.unavailable("discovery (" + UriRules.forLog(location) + ") answered HTTP " + answer.status());
        }
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(answer.bodyText());
        } catch (ParseException e) {
            throw Failures.unavailable("discovery (" + UriRules.forLog(location) + ") answered with something other than a JSON object");
        }
        return DiscoveryDocument.parse(document, configuredIssuer);
    }
}
