package io.github.passage4j.provider;

/**
 * One thing wrong with a token minted by {@link LocalPassageProvider#logoutToken(String, String, TokenFlaw)},
 * {@link LocalPassageProvider#accessToken(String, String, TokenFlaw)} or
 * {@link LocalPassageProvider#elementToken(String, String, TokenFlaw)}: like {@link HostileCase}, each constant breaks
 * exactly one rule of an otherwise valid token, so a relying party that refuses it can only do so for that rule.
 */
public enum TokenFlaw {
    /** Nothing wrong: the valid token. */
    NONE,
    /** Unsigned: header {@code {"alg":"none"}}, empty signature. */
    ALG_NONE,
    /** HS256 keyed with the client secret: an algorithm outside every allow-list for these tokens. */
    ALG_HS256,
    /** Signed RS256 by a key the provider never published (its {@code kid} is unknown). */
    UNKNOWN_KEY,
    /** {@code iss} names another issuer. */
    ISSUER_WRONG,
    /** {@code aud} names another audience only. */
    AUD_WRONG,
    /** {@code exp} and {@code iat} an hour in the past. */
    EXPIRED,
    /**
     * Signed ES256 by the provider's EC key, which minting it publishes ({@link Behaviour#publishEcSigningKey()},
     * until the behaviour is reset): a valid signature by a published key, but not the algorithm a relying party
     * registered for RS256 accepts (OIDC Core 3.1.3.7 step 7, Back-Channel Logout 2.6 step 3, RFC 8725 3.1).
     */
    ALG_ES256_PUBLISHED_KEY,
    /**
     * Shaped like an ID token (RFC 8725 3.11): {@code typ} {@code JWT} instead of a token's own type, an ID token's
     * {@code nonce}, {@code at_hash} and {@code auth_time}, and for access tokens no {@code scope} and no
     * {@code client_id}; so an access token, element token or logout token that is really an ID token.
     */
    ID_TOKEN_SHAPED,
    /** Logout tokens only: no {@code events} claim. */
    EVENTS_MISSING,
    /** Logout tokens only: {@code events} without the back-channel logout member. */
    EVENTS_WRONG,
    /** Logout tokens only: a {@code nonce} claim, which makes it pass for an ID token. */
    NONCE_PRESENT,
    /** Logout tokens only: neither {@code sub} nor {@code sid}. */
    NO_SUB_NO_SID
}
