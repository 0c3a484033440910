package io.github.passage4j.ee;

import io.github.passage4j.oidc.AccessTokenSettings;
import io.github.passage4j.oidc.AccessTokenValidator;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.UnverifiedJwt;
import io.github.passage4j.oidc.ValidatedAccessToken;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Stage "bearer": a request that brings its own credential, for REST clients. {@code Authorization: Bearer <jwt>}
 * (RFC 6750 2.1) holds a JWT access token of the configured issuer or, with an app id, a Passage element token; the
 * {@code psg_auth_token} cookie holds an element token. Each request is authenticated on its own: no session is
 * created. The validators are made once, since they cache the tokens already verified; the issuers' keys are those
 * of the app's {@link ProviderConnections}, shared with the sign-in of the same issuer.
 */
final class BearerAuthentication {

    private static final System.Logger LOG = System.getLogger(BearerAuthentication.class.getName());

    /** Where Passage's login elements keep the element token. */
    static final String ELEMENT_TOKEN_COOKIE = "psg_auth_token";
    /** Longer values are no honest token: refused before any work is done. */
    static final int MAX_TOKEN_LENGTH = UnverifiedJwt.MAX_LENGTH;

    private final AccessTokenValidator issuerTokens;
    /** Null when no app id is configured. */
    private final AccessTokenValidator elementTokens;
    private final CallerEstablishment establishment;

    BearerAuthentication(PassageSettings settings, CallerEstablishment establishment, ProviderConnections connections) {
        this.establishment = establishment;
        // the client id makes the ID tokens this issuer signs for the client recognisable (RFC 8725 3.11)
        this.issuerTokens = new AccessTokenValidator(new AccessTokenSettings(settings.client().issuer(), null,
                settings.bearerAudiences(), settings.client().connectTimeout(), settings.client().readTimeout(),
                settings.client().clockSkew(), settings.accessTokenSigningAlgorithms(), settings.client().clientId()),
                Clock.systemUTC(), connections);
        this.elementTokens = settings.appId() == null ? null
                : new AccessTokenValidator(elementTokenSettings(settings), Clock.systemUTC(), connections);
    }

    /**
     * Passage's element tokens ({@link AccessTokenSettings#forPassageApp}), with this app's audiences, timeouts and
     * skew, at the issuer base that tests may point at a local provider.
     */
    static AccessTokenSettings elementTokenSettings(PassageSettings settings) {
        String base = issuerKey(settings.elementTokenIssuerBase().toString());
        String issuer = base + "/v1/apps/" + settings.appId();
        return new AccessTokenSettings(URI.create(issuer), URI.create(issuer + "/.well-known/jwks.json"),
                settings.bearerAudiences(), settings.client().connectTimeout(), settings.client().readTimeout(),
                settings.client().clockSkew(), null);
    }

    /** The token of an {@code Authorization: Bearer} header, if the request has one (possibly empty). */
    static Optional<String> bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        // RFC 6750 2.1: the scheme is case-insensitive (RFC 9110 11.1)
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)
                || (authorization.length() > 6 && authorization.charAt(6) != ' ')) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(Math.min(7, authorization.length())).strip());
    }

    /**
     * The {@code iss} of a JWT read WITHOUT verifying anything: only to choose which definition validates the token
     * fully. Empty when the token is no plausible JWS or has no string {@code iss} of at most
     * {@link UnverifiedJwt#MAX_ISSUER_LENGTH} characters ({@link UnverifiedJwt#issuer}).
     */
    static Optional<String> unverifiedIssuer(String token) {
        return UnverifiedJwt.issuer(token);
    }

    /**
     * The issuers whose tokens are this definition's to validate, each as {@link #issuerKey}: its provider's access
     * tokens, and its app's element tokens.
     */
    Set<String> issuerKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(issuerKey(issuerTokens.settings().issuer().toString()));
        if (elementTokens != null) {
            keys.add(issuerKey(elementTokens.settings().issuer().toString()));
        }
        return Set.copyOf(keys);
    }

    /**
     * The issuer without trailing {@code /}s, the key under which definitions are looked up by issuer. One backward
     * pass: a regular expression such as {@code /+$} backtracks quadratically on a long run of {@code /} that does not
     * end the text, and the {@code iss} looked up is the attacker's.
     */
    static String issuerKey(String issuer) {
        int end = issuer.length();
        while (end > 0 && issuer.charAt(end - 1) == '/') {
            end--;
        }
        return issuer.substring(0, end);
    }

    /**
     * Validates a bearer token: an access token of the issuer, else an element token of the app.
     *
     * @throws ProviderRejectedException when it is neither
     */
    SignedInCaller authenticate(String token) throws ProviderUnavailableException, ProviderRejectedException {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new ProviderRejectedException("RFC 6750 2.1: the bearer token is empty or oversized");
        }
        ValidatedAccessToken validated;
        try {
            validated = issuerTokens.validateAccessToken(token);
        } catch (ProviderRejectedException notTheIssuers) {
            if (elementTokens == null) {
                throw notTheIssuers;
            }
            // the token is not the issuer's access token; it may still be the app's element token, whose issuer
            // and keys differ: both must have refused it before it is bad
            try {
                validated = elementTokens.validateAccessToken(token);
            } catch (ProviderRejectedException notTheApps) {
                throw new ProviderRejectedException(notTheIssuers.getMessage() + "; as an element token: "
                        + notTheApps.getMessage());
            }
        }
        return establishment.bearerCaller(validated);
    }

    /**
     * The caller of the element token cookie, if the app accepts element tokens and the cookie holds a valid one. An
     * invalid cookie is ignored rather than refused: the browser sends it unasked, and a sign-in still helps.
     *
     * <p>Being a cookie, it is an ambient credential: the browser sends it with a form or script of any site. So it
     * authenticates a safe method (RFC 9110 9.2.1), or an unsafe one only with proof that this app's own pages sent
     * it ({@link RequestSite#SAME_ORIGIN}); otherwise it is ignored, and a cross-site POST stays anonymous.
     *
     * @param site where the request comes from, as the browser tells
     */
    Optional<SignedInCaller> fromElementCookie(HttpServletRequest request, RequestSite site)
            throws ProviderUnavailableException {
        if (elementTokens == null || request.getCookies() == null) {
            return Optional.empty();
        }
        if (!RequestSite.isSafeMethod(request) && site != RequestSite.SAME_ORIGIN) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: element token cookie ignored on a {0} request without "
                    + "same-origin proof ({1})", request.getMethod(), site);
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (ELEMENT_TOKEN_COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()
                    && cookie.getValue().length() <= MAX_TOKEN_LENGTH) {
                try {
                    return Optional.of(establishment.bearerCaller(elementTokens.validateAccessToken(cookie.getValue())));
                } catch (ProviderRejectedException rejected) {
                    LOG.log(System.Logger.Level.DEBUG, "Passage4J: element token cookie ignored: {0}",
                            rejected.getMessage());
                }
            }
        }
        return Optional.empty();
    }
}
