package io.github.passage4j.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the provider has handed out and must remember: login requests, authorization codes, access tokens and
 * refresh tokens. Thread-safe; expired entries are dropped as new ones arrive, so memory stays bounded in long runs.
 */
final class Grants {

    /** How long the login page of one authorization request stays usable. */
    static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
    /** How long a redeemed code is remembered, to notice replays and revoke what it produced (RFC 6749 4.1.2). */
    static final Duration REDEEMED_CODE_MEMORY = Duration.ofMinutes(10);

    private final Map<String, PendingLogin> logins = new ConcurrentHashMap<>();
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Map<String, RedeemedCode> redeemedCodes = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    /** The tokens a revocation forgot while they were live, so that tests can tell revoked from never issued. */
    private final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** What an access token grants. */
    record AccessGrant(String token, String clientId, PassageUser user, Set<String> scopes, Instant expiresAt) {
    }

    /** What a refresh token grants; {@code authTime} and {@code sessionId} carry over into refreshed ID tokens. */
    record RefreshGrant(String token, String clientId, PassageUser user, Set<String> scopes, Instant authTime,
                        String sessionId) {
    }

    /** A code that was redeemed, with the tokens issued for it. */
    record RedeemedCode(Instant forgetAt, List<String> issuedTokens) {
    }

    // ---------------------------------------------------------------- login requests

    void addLogin(PendingLogin login) {
        Instant now = Instant.now();
        logins.values().removeIf(l -> l.expiresAt().isBefore(now));
        logins.put(login.id(), login);
    }

    /** @return the login request if it exists and has not expired, else {@code null} */
    PendingLogin login(String id) {
        PendingLogin login = id == null ? null : logins.get(id);
        return login == null || login.expiresAt().isBefore(Instant.now()) ? null : login;
    }

    /** @return whether this call used up the login request (false if another request already did) */
    boolean completeLogin(PendingLogin login) {
        return logins.remove(login.id(), login);
    }

    // ---------------------------------------------------------------- authorization codes

    void addCode(AuthorizationCode code) {
        Instant now = Instant.now();
        codes.values().removeIf(c -> c.expiresAt().isBefore(now));
        redeemedCodes.values().removeIf(r -> r.forgetAt().isBefore(now));
        codes.put(code.code(), code);
    }

    /**
     * Takes a code out of circulation: whatever happens next, it cannot be redeemed again.
     *
     * @return the code, or {@code null} when unknown or already redeemed
     */
    AuthorizationCode redeem(String code) {
        AuthorizationCode found = codes.remove(code);
        if (found != null) {
            redeemedCodes.put(code, new RedeemedCode(Instant.now().plus(REDEEMED_CODE_MEMORY), new CopyOnWriteArrayList<>()));
        }
        return found;
    }

    /** Notes a token issued for a redeemed code, so a replay of the code can revoke it. */
    void issuedFor(String code, String token) {
        RedeemedCode redeemed = redeemedCodes.get(code);
        if (redeemed != null) {
            redeemed.issuedTokens().add(token);
        }
    }

    /**
     * Reacts to a replayed code by revoking the tokens it produced.
     *
     * @return whether {@code code} had been redeemed before
     */
    boolean revokeReplayed(String code) {
        RedeemedCode redeemed = redeemedCodes.get(code);
        if (redeemed == null) {
            return false;
        }
        redeemed.issuedTokens().forEach(this::revoke);
        return true;
    }

    // ---------------------------------------------------------------- tokens

    void addAccessToken(AccessGrant grant) {
        Instant now = Instant.now();
        accessTokens.values().removeIf(g -> g.expiresAt().isBefore(now.minus(Duration.ofHours(1))));
        accessTokens.put(grant.token(), grant);
    }

    /** @return the grant of a live access token, or {@code null} if unknown, revoked or expired at {@code now} */
    AccessGrant accessToken(String token, Instant now) {
        AccessGrant grant = token == null ? null : accessTokens.get(token);
        return grant == null || !grant.expiresAt().isAfter(now) ? null : grant;
    }

    void addRefreshToken(RefreshGrant grant) {
        refreshTokens.put(grant.token(), grant);
    }

    /** @return the refresh grant, removed so the token cannot be used again (rotation), or {@code null} */
    RefreshGrant takeRefreshToken(String token) {
        return token == null ? null : refreshTokens.remove(token);
    }

    /** @return the refresh grant without using it up, or {@code null} */
    RefreshGrant refreshToken(String token) {
        return token == null ? null : refreshTokens.get(token);
    }

    /** Forgets an access or refresh token; unknown tokens are ignored, as RFC 7009 asks. */
    void revoke(String token) {
        boolean live = accessTokens.remove(token) != null;
        live |= refreshTokens.remove(token) != null;
        if (live) {
            revoked.add(token);
        }
    }

    /** @return whether {@link #revoke} forgot this token while it was live */
    boolean wasRevoked(String token) {
        return token != null && revoked.contains(token);
    }

    /** @return the client an access or refresh token was issued to, or {@code null} when unknown */
    String clientOf(String token) {
        AccessGrant access = accessTokens.get(token);
        if (access != null) {
            return access.clientId();
        }
        RefreshGrant refresh = refreshTokens.get(token);
        return refresh == null ? null : refresh.clientId();
    }
}
