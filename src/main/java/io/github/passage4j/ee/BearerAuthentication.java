package io.github.passage4j.ee;

import io.github.passage4j.oidc.AccessTokenSettings;
import io.github.passage4j.oidc.AccessTokenValidator;
import io.github.passage4j.oidc.InvalidDpopProofException;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.ProviderUnavailableException;
import io.github.passage4j.oidc.UnverifiedJwt;
import io.github.passage4j.oidc.UriRules;
import io.github.passage4j.oidc.ValidatedAccessToken;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
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
                // the sign-in's TLS: its provider trust store applies to the keys that verify bearer tokens too
                Clock.systemUTC(), connections, settings.client().protocol());
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

    /** The issuer without trailing {@code /}s: the key under which definitions are looked up by issuer. */
    static String issuerKey(String issuer) {
        return UriRules.withoutTrailingSlashes(issuer);
    }

    /**
     * Validates a bearer token with the validator of the issuer its unverified {@code iss} names: the provider's
     * access tokens, or the app's element tokens. Only that one is asked, so a forged token costs one key lookup and
     * signature check, and the other issuer's key set is never fetched for it.
     *
     * @param issuerKey the {@link #issuerKey} of the token's unverified {@code iss}, one of {@link #issuerKeys()}
     * @throws ProviderRejectedException when that validator refuses the token
     */
    SignedInCaller authenticate(String token, String issuerKey)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (token.isEmpty() || token.length() > UnverifiedJwt.MAX_LENGTH) {
            throw new ProviderRejectedException("RFC 6750 2.1: the bearer token is empty or oversized");
        }
        boolean elementToken = elementTokens != null
                && issuerKey.equals(issuerKey(elementTokens.settings().issuer().toString()))
                && !issuerKey.equals(issuerKey(issuerTokens.settings().issuer().toString()));
        AccessTokenValidator validator = elementToken ? elementTokens : issuerTokens;
        return establishment.bearerCaller(validator.validateAccessToken(token));
    }

    /**
     * Validates a DPoP-bound token of {@code Authorization: DPoP} with the request's DPoP proof (RFC 9449 7.1), with
     * the validator of the issuer its unverified {@code iss} names, as {@link #authenticate} does.
     *
     * @param issuerKey the {@link #issuerKey} of the token's unverified {@code iss}, one of {@link #issuerKeys()}
     * @param requestUrl the request's URL as the client addressed it
     * @throws ProviderRejectedException when the token is refused
     * @throws InvalidDpopProofException when the proof is refused
     */
    SignedInCaller authenticateDpop(String token, String issuerKey, HttpServletRequest request, URI requestUrl)
            throws ProviderUnavailableException, ProviderRejectedException, InvalidDpopProofException {
        if (token.isEmpty() || token.length() > UnverifiedJwt.MAX_LENGTH) {
            throw new ProviderRejectedException("RFC 9449 7.1: the DPoP token is empty or oversized");
        }
        boolean elementToken = elementTokens != null
                && issuerKey.equals(issuerKey(elementTokens.settings().issuer().toString()))
                && !issuerKey.equals(issuerKey(issuerTokens.settings().issuer().toString()));
        AccessTokenValidator validator = elementToken ? elementTokens : issuerTokens;
        List<String> proofs = Collections.list(request.getHeaders("DPoP"));
        return establishment.bearerCaller(validator.validateDpopAccessToken(token, proofs, request.getMethod(),
                requestUrl));
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
        Cookie elementCookie = null;
        for (Cookie cookie : request.getCookies()) {
            if (ELEMENT_TOKEN_COOKIE.equals(cookie.getName())) {
                if (elementCookie != null) {
                    // two cookies of one name: one was planted for a parent domain or a longer path by a sibling
                    // site (cookie tossing), and which is which cannot be told; neither signs anybody in
                    LOG.log(System.Logger.Level.DEBUG, "Passage4J: several element token cookies ignored");
                    return Optional.empty();
                }
                elementCookie = cookie;
            }
        }
        if (elementCookie == null || elementCookie.getValue().isEmpty()
                || elementCookie.getValue().length() > UnverifiedJwt.MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(establishment.bearerCaller(elementTokens.validateAccessToken(elementCookie.getValue())));
        } catch (ProviderRejectedException rejected) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: element token cookie ignored: {0}", rejected.getMessage());
            return Optional.empty();
        }
    }
}
