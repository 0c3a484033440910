package io.github.passage4j.ee;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.passage4j.oidc.SignInSecrets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stateless mode: each pending sign-in in its own short-lived encrypted cookie, named after a hash of its
 * {@code state}, so that any node can complete a sign-in another node started and several tabs can sign in at once.
 * The cookie is deleted when the callback consumes it; an attempt is usable for {@link #LIFETIME}.
 *
 * <p>Unlike the HTTP session store this cannot make a copied cookie unusable on another node before it expires;
 * what stops a replayed callback is the provider, which redeems an authorization code once, and PKCE.
 */
final class CookieSignInStateStore implements SignInStateStore {

    /** The cookies' name before the {@link CookieScope} and the state's hash: {@code passage_signin_<hash>}. */
    static final String COOKIE_BASE = "passage_signin";
    static final String TYPE = "passage-signin";
    static final Duration LIFETIME = HttpSessionSignInStateStore.LIFETIME;
    /** Pending sign-ins kept per browser; the oldest are dropped beyond this, keeping the cookie header small. */
    static final int MAX_PENDING = 4;

    private final SealedCookieCodec codec;
    private final Clock clock;
    /** The configured base URL, or null: decides the cookies' {@link CookieScope}. */
    private final URI baseUrl;

    CookieSignInStateStore(SealedCookieCodec codec, Clock clock, URI baseUrl) {
        this.codec = codec;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, SignInState attempt) {
        CookieScope scope = CookieScope.of(request, baseUrl);
        dropOldest(request, response, scope);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("state", attempt.state())
                .claim("nonce", attempt.nonce())
                .claim("code_verifier", attempt.codeVerifier())
                .claim("return", attempt.returnPath())
                .issuer(attempt.expectedIssuer())
                .claim("definition", attempt.definition())
                .claim("redirect_uri", attempt.redirectUri())
                .claim("dpop_key", attempt.dpopKey())
                // OIDC Core 3.1.3.7 step 13: what the callback must check travels with the attempt, sealed
                .claim("max_age", attempt.maxAge())
                .claim("acr_values", attempt.acrValues())
                .issueTime(Date.from(attempt.startedAt()))
                .expirationTime(Date.from(attempt.startedAt().plus(LIFETIME)))
                .build();
        CookieChunks.write(request, response, scope, cookieName(scope, attempt.state()), codec.seal(TYPE, claims),
                LIFETIME);
    }

    @Override
    public Optional<SignInState> consume(HttpServletRequest request, HttpServletResponse response, String state) {
        if (state == null || state.isEmpty()) {
            return Optional.empty();
        }
        CookieScope scope = CookieScope.of(request, baseUrl);
        String name = cookieName(scope, state);
        Optional<String> sealed = CookieChunks.read(request, name);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        CookieChunks.delete(request, response, scope, name);
        return codec.open(TYPE, sealed.get())
                .flatMap(CookieSignInStateStore::attempt)
                .filter(attempt -> MessageDigest.isEqual(attempt.state().getBytes(StandardCharsets.UTF_8),
                        state.getBytes(StandardCharsets.UTF_8)));
    }

    private void dropOldest(HttpServletRequest request, HttpServletResponse response, CookieScope scope) {
        List<String> pending = CookieChunks.namesStartingWith(request, scope.name(COOKIE_BASE) + "_");
        if (pending.size() < MAX_PENDING) {
            return;
        }
        // the oldest first; an unreadable one counts as oldest of all
        List<String> byAge = pending.stream().sorted(Comparator.comparing(name -> startedAt(request, name)))
                .toList();
        for (String name : byAge.subList(0, pending.size() - MAX_PENDING + 1)) {
            CookieChunks.deleteOne(response, scope, name);
        }
    }

    private Instant startedAt(HttpServletRequest request, String name) {
        return CookieChunks.read(request, name).flatMap(sealed -> codec.open(TYPE, sealed))
                .map(claims -> claims.getIssueTime().toInstant()).orElse(Instant.MIN);
    }

    private static Optional<SignInState> attempt(JWTClaimsSet claims) {
        try {
            Map<String, Object> all = claims.getClaims();
            if (!(all.get("state") instanceof String state) || claims.getIssueTime() == null) {
                return Optional.empty();
            }
            return Optional.of(new SignInState(state, claims.getStringClaim("nonce"),
                    claims.getStringClaim("code_verifier"), claims.getStringClaim("return"), claims.getIssuer(),
                    claims.getStringClaim("definition"), claims.getStringClaim("redirect_uri"),
                    claims.getIssueTime().toInstant(), claims.getStringClaim("dpop_key"),
                    claims.getLongClaim("max_age"), claims.getStringClaim("acr_values")));
        } catch (ParseException wrongType) {
            return Optional.empty();
        }
    }

    /** Named by a hash of the state, so the cookie name does not repeat the state itself. */
    static String cookieName(CookieScope scope, String state) {
        return scope.name(COOKIE_BASE) + "_" + SignInSecrets.sha256Base64Url(state).substring(0, 16);
    }
}
