package io.github.passage4j.provider;

/**
 * The HTTP endpoints the provider serves, each at a fixed path below the issuer.
 *
 * <p>Used to target faults ({@link Behaviour#fail(Endpoint, Fault)}) and to read what was received
 * ({@link LocalPassageProvider#requests(Endpoint)}).
 */
public enum Endpoint {
    /** OpenID discovery document. */
    DISCOVERY("/.well-known/openid-configuration"),
    /** Public signing keys. */
    JWKS("/.well-known/jwks.json"),
    /**
     * The same public keys, as Passage publishes those of an app's element tokens:
     * {@code /v1/apps/<appId>/.well-known/jwks.json} for any app id (shown here with {@code *}).
     */
    APP_JWKS("/v1/apps/*/.well-known/jwks.json"),
    /** Authorization endpoint: validates the request and shows the login page. */
    AUTHORIZE("/authorize"),
    /** Target of the login page's forms (not an OAuth endpoint; Passage's equivalent is its own UI). */
    LOGIN("/login"),
    /** Token endpoint. */
    TOKEN("/token"),
    /** UserInfo endpoint. */
    USERINFO("/userinfo"),
    /** Token revocation (RFC 7009). */
    REVOKE("/revoke"),
    /** RP-initiated logout (end session). */
    LOGOUT("/logout"),
    /** Pushed authorization requests (RFC 9126): the client posts its request and gets a {@code request_uri}. */
    PAR("/par"),
    /**
     * An attacker's JWK set (one RSA key, kid {@code attacker-rsa}), named by the {@code jku} header of
     * {@link HostileCase#JKU_HEADER}; not in discovery. A relying party must never fetch it: count its requests.
     */
    HOSTILE_JWKS("/hostile/jwks.json"),
    /**
     * Named by the {@code x5u} header of {@link HostileCase#X5U_HEADER}; answers {@code 404} (no certificate is
     * needed: a relying party must never fetch it, so its request count must stay zero).
     */
    HOSTILE_X5U("/hostile/x5u.pem");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** @return the path below the issuer, starting with {@code /} */
    public String path() {
        return path;
    }

    /** @return the endpoint serving {@code path}, or {@code null} when none does */
    static Endpoint forPath(String path) {
        for (Endpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        if (path.startsWith(MintedTokens.APPS_PATH) && path.endsWith(JWKS.path)) {
            String appId = path.substring(MintedTokens.APPS_PATH.length(), path.length() - JWKS.path.length());
            if (appId.matches("[A-Za-z0-9_-]{1,128}")) {
                return APP_JWKS;
            }
        }
        return null;
    }
}
