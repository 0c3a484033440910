package io.github.passage4j.ee;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stateless mode: the caller in an encrypted, authenticated session cookie ({@link SealedCookieCodec}), chunked when
 * large, so any node holding the keys recognises the caller with no server state. The cookie is bound to the
 * definition's issuer and client ({@code iss}, {@code aud}) and expires {@code sessionMaxAge} after the sign-in.
 * A local logout deletes the cookie and records the sign-in as ended in the app's {@link Logouts}, so a copy of the
 * cookie kept elsewhere is refused on every node sharing that list.
 */
final class CookieCallerStore implements CallerStore {

    private static final System.Logger LOG = System.getLogger(CookieCallerStore.class.getName());

    /** The session cookie's name before its {@link CookieScope}. */
    static final String COOKIE = "passage_session";
    static final String TYPE = "passage-session";
    /** The request attribute caching this request's decoded caller. */
    private static final String LOADED = CookieCallerStore.class.getName() + ".loaded";

    private final SealedCookieCodec codec;
    private final Definitions definitions;
    private final SessionSettings settings;
    private final Logouts logouts;
    private final AtomicBoolean tooLargeReported = new AtomicBoolean();

    CookieCallerStore(SealedCookieCodec codec, Definitions definitions, SessionSettings settings, Logouts logouts) {
        this.codec = codec;
        this.definitions = definitions;
        this.settings = settings;
        this.logouts = logouts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<SignedInCaller> load(HttpServletRequest request) {
        Object loaded = request.getAttribute(LOADED);
        if (loaded instanceof Optional<?> known) {
            return (Optional<SignedInCaller>) known;
        }
        Optional<SignedInCaller> caller = CookieChunks.read(request, scope(request).name(COOKIE))
                .flatMap(sealed -> codec.open(TYPE, sealed))
                .flatMap(this::caller);
        request.setAttribute(LOADED, caller);
        return caller;
    }

    /** The cookie this request carried, decoded once: a refresh elsewhere reaches this browser's next request. */
    @Override
    public boolean showsOthersUpdates() {
        return false;
    }

    @Override
    public void establish(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        write(request, response, caller);
    }

    @Override
    public void update(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        write(request, response, caller);
    }

    @Override
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        Optional<SignedInCaller> caller = load(request);
        request.setAttribute(LOADED, Optional.empty());
        deleteCookies(request, response);
        // recorded after the cookie's deletion: an outage of the shared list (503) must not leave this browser signed in
        caller.ifPresent(logouts::signInEnded);
    }

    @Override
    public void expire(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(LOADED, Optional.empty());
        deleteCookies(request, response);
    }

    private CookieScope scope(HttpServletRequest request) {
        return CookieScope.of(request, settings.baseUrl());
    }

    private void deleteCookies(HttpServletRequest request, HttpServletResponse response) {
        CookieScope scope = scope(request);
        CookieChunks.delete(request, response, scope, scope.name(COOKIE));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        PassageSettings definition = definitions.named(caller.definition()).orElseThrow();
        PassageTokens tokens = caller.tokens();
        // the ID token's claims come back from the ID token itself (it is needed anyway, as the logout's
        // id_token_hint), so the profile keeps only the claims beyond them, userinfo's: stored once, not twice
        Map<String, Object> beyondIdToken = new LinkedHashMap<>(caller.profile().getClaims());
        beyondIdToken.keySet().removeAll(caller.idTokenClaims().keySet());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(definition.client().issuer().toString())
                .audience(definition.client().clientId())
                .issueTime(Date.from(caller.signedInAt()))
                .expirationTime(Date.from(caller.signedInAt().plus(settings.maxAge())))
                .claim("definition", caller.definition())
                .claim("session", caller.sessionKey())
                .claim("name", caller.profile().getName())
                .claim("profile", beyondIdToken)
                .claim("groups", List.copyOf(caller.groups()))
                .claim("id_token", tokens.getIdToken())
                .claim("id_token_exp", tokens.getIdTokenExpiresAt().getEpochSecond())
                .claim("access_token", tokens.getAccessToken());
        tokens.getAccessTokenExpiresAt().ifPresent(at -> claims.claim("access_token_exp", at.getEpochSecond()));
        tokens.getRefreshToken().ifPresent(refresh -> claims.claim("refresh_token", refresh));
        if (caller.dpopKey() != null) {
            // RFC 9449: the key the tokens are bound to; sealed like the tokens it makes usable
            claims.claim("token_type", tokens.getTokenType()).claim("dpop_key", caller.dpopKey());
        }
        JWTClaimsSet session = claims.build();
        String sealed = codec.seal(TYPE, session);
        CookieScope scope = scope(request);
        try {
            CookieChunks.write(request, response, scope, scope.name(COOKIE), sealed, null);
        } catch (IllegalArgumentException tooLarge) {
            // a session that cannot be kept must not look kept: the browser would come back without it and sign in
            // again, in a loop; an older, smaller cookie of this browser goes too
            request.setAttribute(LOADED, Optional.empty());
            deleteCookies(request, response);
            reportTooLarge(sealed.length(), session, caller);
            throw new SessionTooLargeException();
        }
        request.setAttribute(LOADED, Optional.of(caller));
    }

    /** One WARNING naming the sizes and the largest parts and claims, never a value; later ones at DEBUG. */
    private void reportTooLarge(int sealedLength, JWTClaimsSet session, SignedInCaller caller) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        session.getClaims().forEach((name, value) -> parts.put(name, jsonLength(value)));
        Map<String, Integer> claimSizes = new LinkedHashMap<>();
        caller.profile().getClaims().forEach((name, value) -> claimSizes.put(name, jsonLength(value)));
        System.Logger.Level level = tooLargeReported.compareAndSet(false, true)
                ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(level, "Passage4J: a signed-in session of " + sealedLength + " bytes does not fit in "
                + CookieChunks.MAX_CHUNKS + " cookies of " + CookieChunks.MAX_COOKIE_BYTES + " bytes, so the sign-in "
                + "was not kept and the browser was shown an error page. Largest parts: " + largest(parts)
                + "; largest claims: " + largest(claimSizes) + ". Ask the provider for fewer or smaller claims "
                + "(scope, claim mapping), or keep sessions in the HTTP session (passage.stateless=false)"
                + (level == System.Logger.Level.WARNING ? "; further such sessions are logged at DEBUG" : ""));
    }

    private static String largest(Map<String, Integer> sizes) {
        return sizes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                .map(each -> each.getKey() + " " + each.getValue() + " bytes")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static int jsonLength(Object value) {
        return JSONObjectUtils.toJSONString(java.util.Collections.singletonMap("", value)).length() - 5;
    }

    @SuppressWarnings("unchecked")
    private Optional<SignedInCaller> caller(JWTClaimsSet claims) {
        try {
            String definitionName = claims.getStringClaim("definition");
            Optional<PassageSettings> definition = definitions.named(definitionName == null ? "" : definitionName);
            // bound to the issuer and client: a cookie of another provider's or app's sign-in is no session here
            if (definition.isEmpty()
                    || !definition.get().client().issuer().toString().equals(claims.getIssuer())
                    || !List.of(definition.get().client().clientId()).equals(claims.getAudience())) {
                return Optional.empty();
            }
            String idToken = claims.getStringClaim("id_token");
            Map<String, Object> profileClaims = claims.getJSONObjectClaim("profile");
            List<String> groups = claims.getStringListClaim("groups");
            String sessionKey = claims.getStringClaim("session");
            if (idToken == null || profileClaims == null || claims.getIssueTime() == null || sessionKey == null
                    || sessionKey.isEmpty()) {
                return Optional.empty();
            }
            Long accessExpiry = claims.getLongClaim("access_token_exp");
            PassageTokens tokens = new PassageTokens(idToken, claims.getStringClaim("access_token"),
                    claims.getStringClaim("refresh_token"),
                    accessExpiry == null ? null : Instant.ofEpochSecond(accessExpiry),
                    Instant.ofEpochSecond(claims.getLongClaim("id_token_exp")), claims.getStringClaim("token_type"),
                    claims.getStringClaim("dpop_key"));
            Map<String, Object> idTokenClaims = idTokenClaims(idToken);
            Map<String, Object> allClaims = new LinkedHashMap<>(profileClaims);
            allClaims.putAll(idTokenClaims);
            PassageProfile profile = new PassageProfile(claims.getStringClaim("name"), allClaims);
            Set<String> groupSet = groups == null ? Set.of() : new LinkedHashSet<>(groups);
            return Optional.of(new SignedInCaller(profile, groupSet, tokens, idTokenClaims,
                    claims.getIssueTime().toInstant(), definitionName, sessionKey,
                    claims.getStringClaim("dpop_key")));
        } catch (ParseException | RuntimeException unusable) {
            LOG.log(System.Logger.Level.DEBUG, "Passage4J: a session cookie without a usable caller was ignored");
            return Optional.empty();
        }
    }

    /**
     * The ID token's claims, read from the token kept in the cookie: it was validated at sign-in (or refresh), and the
     * cookie's authentication shows it is that token, so its signature need not be checked again.
     */
    private static Map<String, Object> idTokenClaims(String idToken) throws ParseException {
        String[] parts = idToken.split("\\.");
        if (parts.length != 3) {
            throw new ParseException("not a JWS", 0);
        }
        return JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
    }
}
