package io.github.passage4j.oidc;

import java.util.Map;

/** The DPoP key a validated access token is bound to: its confirmation claim (RFC 9449 6.1, RFC 7800 3.1). */
final class DpopBinding {

    private DpopBinding() {
    }

    /**
     * @return the {@code cnf.jkt} of the token, or null when it has none (a bearer token)
     * @throws ProviderRejectedException when {@code cnf} or {@code jkt} is there but not of the right type
     */
    static String thumbprintOf(ValidatedAccessToken token) throws ProviderRejectedException {
        Object cnf = token.claims().get("cnf");
        if (cnf == null) {
            return null;
        }
        // RFC 7800 3.1: cnf is a JSON object; RFC 9449 6.1: jkt in it is the base64url thumbprint
        if (!(cnf instanceof Map<?, ?> confirmation)) {
            throw new ProviderRejectedException("RFC 7800 3.1: cnf is not a JSON object");
        }
        Object jkt = confirmation.get("jkt");
        if (jkt == null) {
            return null;
        }
        if (!(jkt instanceof String thumbprint) || thumbprint.isEmpty()) {
            throw new ProviderRejectedException("RFC 9449 6.1: cnf.jkt is not a string");
        }
        return thumbprint;
    }
}
