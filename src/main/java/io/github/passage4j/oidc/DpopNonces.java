package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The latest {@code DPoP-Nonce} each server of one provider gave (RFC 9449 8 and 9), to put in the next proof sent
 * to it. A nonce belongs to a server, not to a session, so all sessions of the provider share it. Keyed by the
 * endpoint's origin; only the provider's own endpoints (from its metadata) are ever keys, so the map stays tiny.
 */
final class DpopNonces {

    /** RFC 9449 8.1: nonce = 1*NQCHAR; bounded so that a provider cannot make every proof huge. */
    private static final Pattern NONCE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,512}");
    /** RFC 9449 9 (and 8 at the token endpoint): the error that asks for a proof with a nonce. */
    static final String USE_DPOP_NONCE = "use_dpop_nonce";

    private final Map<String, String> latest = new ConcurrentHashMap<>();

    /** The nonce to send to the server of {@code endpoint}, or null when it has given none. */
    String latest(URI endpoint) {
        return latest.get(origin(endpoint));
    }

    /**
     * Remembers the {@code DPoP-Nonce} of an answer, if it has a well-formed one (RFC 9449 8.2: a server may give
     * a fresh nonce with any answer).
     *
     * @return whether the answer brought a nonce other than the one remembered
     */
    boolean remember(URI endpoint, HttpAnswer answer) {
        String nonce = answer.header("DPoP-Nonce").orElse(null);
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            return false;
        }
        return !nonce.equals(latest.put(origin(endpoint), nonce));
    }

    /** RFC 9449 8: the token endpoint's 400 with {@code error} {@code use_dpop_nonce}. */
    static boolean tokenEndpointAsksForNonce(HttpAnswer answer) {
        if (answer.status() != 400) {
            return false;
        }
        try {
            return USE_DPOP_NONCE.equals(JSONObjectUtils.parse(answer.bodyText()).get("error"));
        } catch (ParseException | RuntimeException notJson) {
            return false;
        }
    }

    /** RFC 9449 9: a resource server's 401 with {@code WWW-Authenticate: DPoP error="use_dpop_nonce"}. */
    static boolean resourceServerAsksForNonce(HttpAnswer answer) {
        if (answer.status() != 401) {
            return false;
        }
        for (String challenge : answer.headers().allValues("WWW-Authenticate")) {
            // a header may hold several challenges (RFC 9110 11.6.1): the DPoP one names the error
            String compact = challenge.toLowerCase(Locale.ROOT).replace(" ", "");
            if (compact.contains("dpop") && compact.contains("error=\"" + USE_DPOP_NONCE + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static String origin(URI endpoint) {
        return DpopKey.htu(endpoint).resolve("/").toString();
    }
}
