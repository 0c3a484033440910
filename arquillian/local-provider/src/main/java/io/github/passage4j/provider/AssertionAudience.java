package io.github.passage4j.provider;

import com.nimbusds.jwt.SignedJWT;

import java.util.List;

/**
 * The {@code aud} rule of client assertions. RFC 7523 3 item 3 accepts the provider's issuer or the endpoint's URL,
 * in a string or an array; a FAPI 2.0 provider ({@link Behaviour#requireIssuerAsAssertionAudience(boolean)}) accepts
 * only its issuer identifier as a single string (FAPI 2.0 Security Profile 5.3.2.1), so that an assertion made for
 * several audiences, or for one endpoint, cannot be played to this provider.
 *
 * <p>The strict rule reads the raw payload JSON: Nimbus's claims view turns a string {@code aud} into a one-element
 * list, which would hide the array this rule refuses. Both checks cost a map lookup and run before the signature.
 */
final class AssertionAudience {

    private AssertionAudience() {
    }

    /**
     * @param assertion   the parsed, not yet verified, client assertion
     * @param audience    its {@code aud} as Nimbus reads it (string or array, as a list)
     * @param issuer      this provider's issuer identifier
     * @param endpointUrl the URL of the endpoint called
     * @param issuerOnly  whether the FAPI 2.0 rule applies
     * @throws OAuthError {@code invalid_client} naming the rule broken
     */
    static void check(SignedJWT assertion, List<String> audience, String issuer, String endpointUrl,
            boolean issuerOnly) {
        if (issuerOnly) {
            Object raw = assertion.getPayload().toJSONObject().get("aud");
            if (raw instanceof List) {
                throw OAuthError.invalidClient("FAPI 2.0 Security Profile 5.3.2.1: the assertion's aud must be the "
                        + "issuer identifier as a single string, not an array");
            }
            if (!issuer.equals(raw)) {
                throw OAuthError.invalidClient("FAPI 2.0 Security Profile 5.3.2.1: the assertion's aud must be the "
                        + "issuer identifier, and only it");
            }
            return;
        }
        // RFC 7523 3 item 3: aud names this provider (its issuer or the endpoint)
        if (!audience.contains(issuer) && !audience.contains(endpointUrl)) {
            throw OAuthError.invalidClient("RFC 7523 3: the assertion's aud does not name this provider");
        }
    }
}
