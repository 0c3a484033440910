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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stateless mode: the caller in an encrypted, authenticated session cookie ({@link SealedCookieCodec}), chunked when
 * large, so any node holding the keys recognises the caller with no server state. The cookie is bound to the
 * definition's issuer and client ({@code iss}, {@code aud}) and expires {@code sessionMaxAge} after the sign-in.
 * A local logout deletes the cookie and records the sign-in as ended in the app's {@link Logouts}, so a copy of the
 * cookie kept elsewhere is refused on every node sharing that list.
 */
final class CookieCallerStore implements CallerStore {

    private static final System.Logger LOG = System.getLogger(CookieCallerStore.class.getName());

    static final String COOKIE = "passage_session";
    static final String TYPE = "passage-session";
    /** The request attribute caching this request's decoded caller. */
    private static final String LOADED = CookieCallerStore.class.getName() + ".loaded";

    private final SealedCookieCodec codec;
    private final Definitions definitions;
    private final SessionSettings settings;
    private final Logouts logouts;

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
        Optional<SignedInCaller> caller = CookieChunks.read(request, COOKIE)
                .flatMap(sealed -> codec.open(TYPE, sealed))
                .flatMap(this::caller);
        request.setAttribute(LOADED, caller);
        return caller;
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
        load(request).ifPresent(logouts::signInEnded);
        request.setAttribute(LOADED, Optional.empty());
        CookieChunks.delete(request, response, COOKIE);
    }

    @Override
    public void expire(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(LOADED, Optional.empty());
        CookieChunks.delete(request, response, COOKIE);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, SignedInCaller caller) {
        PassageSettings definition = definitions.named(caller.definition()).orElseThrow();
        PassageTokens tokens = caller.tokens();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(definition.client().issuer().toString())
                .audience(definition.client().clientId())
                .issueTime(Date.from(caller.signedInAt()))
                .expirationTime(Date.from(caller.signedInAt().plus(settings.maxAge())))
                .claim("definition", caller.definition())
                .claim("session", caller.sessionKey())
                .claim("name", caller.profile().getName())
                .claim("profile", caller.profile().getClaims())
                .claim("groups", List.copyOf(caller.groups()))
                .claim("id_token", tokens.getIdToken())
                .claim("id_token_exp", tokens.getIdTokenExpiresAt().getEpochSecond())
                .claim("access_token", tokens.getAccessToken());
        tokens.getAccessTokenExpiresAt().ifPresent(at -> claims.claim("access_token_exp", at.getEpochSecond()));
        tokens.getRefreshToken().ifPresent(refresh -> claims.claim("refresh_token", refresh));
        try {
            CookieChunks.write(request, response, COOKIE, codec.seal(TYPE, claims.build()), null);
        } catch (IllegalArgumentException tooLarge) {
            // never expected for a Passage profile (about 3 KB); a provider sending huge claims must not break the app
            // the caller's name may be an email: personal data stays out of the log
            LOG.log(System.Logger.Level.WARNING, "Passage4J: a session is too large for cookies ("
                    + tooLarge.getMessage() + "); it is not kept");
        }
        request.setAttribute(LOADED, Optional.of(caller));
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
                    Instant.ofEpochSecond(claims.getLongClaim("id_token_exp")));
            PassageProfile profile = new PassageProfile(claims.getStringClaim("name"), profileClaims);
            Set<String> groupSet = groups == null ? Set.of() : new LinkedHashSet<>(groups);
            return Optional.of(new SignedInCaller(profile, groupSet, tokens, idTokenClaims(idToken),
                    claims.getIssueTime().toInstant(), definitionName, sessionKey));
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
