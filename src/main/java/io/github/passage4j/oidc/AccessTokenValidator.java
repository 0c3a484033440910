package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Validates bearer JWT access tokens of one issuer for one resource server (RFC 9068 section 4,
 * relaxed on {@code typ} so that untyped tokens such as Passage's element tokens pass):
 *
 * <ol>
 *   <li>a signed JWS (never alg none, never encrypted), whose header brings no keys of its own
 *       ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) and no critical extension;</li>
 *   <li>{@code typ} absent, {@code JWT}, {@code at+jwt} or {@code application/at+jwt}; any other
 *       value (e.g. {@code logout+jwt}) marks another kind of token;</li>
 *   <li>an algorithm from {@link AccessTokenSettings#allowedSigningAlgorithms()};</li>
 *   <li>a valid signature by a key of the issuer's JWK Set, which is cached, fetched again on an
 *       unknown key id (at most once per 30 s, so forged key ids cannot make us hammer the issuer),
 *       and refreshed after an hour (or the issuer's shorter {@code Cache-Control: max-age}), in the background
 *       from 90% of that on; while the issuer's key set cannot be fetched, the cached one serves for up to 24 h
 *       past its max age;</li>
 *   <li>no other kind of token the issuer signs (RFC 8725 3.11, 3.12): never a logout token's
 *       {@code events}; unless typed {@code at+jwt}, no ID token's {@code at_hash} or {@code c_hash},
 *       no {@code nonce} without {@code scope}, no {@code auth_time} without {@code scope} or
 *       {@code client_id}, and not the client id as only audience without {@code scope}
 *       ({@link AccessTokenSettings#clientId()});</li>
 *   <li>{@code iss} exactly the issuer; {@code aud} naming at least one accepted audience;
 *       {@code exp} present and not passed; {@code nbf} and {@code iat}, when present, not in the
 *       future; each time check with the configured clock skew; {@code sub} present.</li>
 * </ol>
 *
 * <p>A token bound to a DPoP key ({@code cnf.jkt}, RFC 9449 6.1) is refused as a bearer token (RFC 9449 7.2);
 * {@link #validateDpopAccessToken} accepts it with a DPoP proof by that key, checked as RFC 9449 4.3 requires
 * ({@link DpopProofVerifier}): proofs older than 60 s or more than 5 s ahead are refused, and each proof's
 * {@code jti} is accepted once (remembered in this JVM only: in a cluster, a proof replayed at another node
 * within its 65 s is not caught).
 *
 * <p>A successfully validated token is remembered (up to 10,000 tokens, by their SHA-256), so that
 * the same token presented again is answered without verifying the signature again; a remembered
 * token is served only while it has not expired, and for at most an hour, after which it is checked
 * in full again against the current keys.
 *
 * <p>Thread-safe; meant to be created once per issuer and shared. Creating it is cheap and does no
 * I/O. Instances built without {@link ProviderConnections} share nothing; built with them, a validator shares the
 * issuer's client, configuration and keys with the {@link OpenIdProvider} of the same issuer. An application can
 * hold one for its OpenID provider's access tokens and one for a Passage app's element tokens side by side.
 *
 * <p>Failures: {@link ProviderUnavailableException} when the issuer's keys (or discovery document)
 * cannot be fetched; {@link ProviderRejectedException}, naming the failed step, when the token is
 * not acceptable. Messages are safe to log and never contain the token.
 */
public final class AccessTokenValidator {

    /** RFC 9449 11.1: how old a DPoP proof may be. */
    static final java.time.Duration DPOP_PROOF_MAX_AGE = java.time.Duration.ofSeconds(60);
    /** RFC 9449 11.1: how far ahead a DPoP proof's iat may be, for a client clock that runs ahead. */
    static final java.time.Duration DPOP_PROOF_MAX_FUTURE = java.time.Duration.ofSeconds(5);

    /** How many validated tokens are remembered at most. */
    static final int MAX_CACHED_TOKENS = 10_000;

    private record Issuer(String identifier, URI jwksUri) {
    }

    private final AccessTokenSettings settings;
    private final Clock clock;
    private final Tuning tuning;
    private final ProviderConnection connection;
    /** Null when the JWK Set location is configured. */
    private final Discovery discovery;
    private final Issuer configuredIssuer;
    private final SignedJwtVerifier verifier;
    private final AccessTokenClaimRules claimRules;
    private final VerifiedTokenCache cache;
    private final DpopProofVerifier dpopProofs;
    private final ReplayGuard dpopReplayGuard;

    /**
     * A validator that reads time from {@link Clock#systemUTC()}.
     *
     * @param settings the issuer, key location, audiences and limits
     */
    public AccessTokenValidator(AccessTokenSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * A validator with an explicit clock for token time checks (for tests).
     *
     * @param settings the issuer, key location, audiences and limits
     * @param clock the source of the current time when checking {@code exp}, {@code nbf} and {@code iat}
     */
    public AccessTokenValidator(AccessTokenSettings settings, Clock clock) {
        this(settings, clock, Tuning.DEFAULT, MAX_CACHED_TOKENS);
    }

    /**
     * A validator that shares its HTTP client, discovered configuration and keys with everything else built with
     * {@code connections} for the same issuer (e.g. the {@link OpenIdProvider} the app signs in with); it stops
     * working when they are closed.
     *
     * @param settings the issuer, key location, audiences and limits
     * @param clock the source of the current time when checking {@code exp}, {@code nbf} and {@code iat}
     * @param connections the application's connections to its issuers
     */
    public AccessTokenValidator(AccessTokenSettings settings, Clock clock, ProviderConnections connections) {
        this(settings, clock, Objects.requireNonNull(connections, "connections").connection(settings.issuer(),
                settings.jwksUri(), settings.connectTimeout(), settings.readTimeout()), MAX_CACHED_TOKENS);
    }

    /**
     * As {@link #AccessTokenValidator(AccessTokenSettings, Clock, ProviderConnections)}, for the issuer a client
     * signs in with under {@code protocol}: the calls for its keys go through the same TLS as the sign-in's (the
     * provider trust store, the FAPI 2.0 TLS rules, the client certificate), so the connection is the sign-in's own
     * and a private-CA provider's keys are never fetched over the JVM's default trust.
     *
     * @param settings the issuer, key location, audiences and limits
     * @param clock the source of the current time when checking {@code exp}, {@code nbf} and {@code iat}
     * @param connections the application's connections to its issuers
     * @param protocol the client's protocol settings for this issuer
     */
    public AccessTokenValidator(AccessTokenSettings settings, Clock clock, ProviderConnections connections,
            ClientProtocol protocol) {
        this(settings, clock, Objects.requireNonNull(connections, "connections").connection(settings.issuer(),
                settings.jwksUri(), settings.connectTimeout(), settings.readTimeout(),
                ClientTls.of(Objects.requireNonNull(protocol, "protocol"))), MAX_CACHED_TOKENS);
    }

    AccessTokenValidator(AccessTokenSettings settings, Clock clock, Tuning tuning, int maxCachedTokens) {
        this(settings, clock, new ProviderConnection(tuning, settings.issuer(), settings.jwksUri(),
                settings.connectTimeout(), settings.readTimeout()), maxCachedTokens);
    }

    private AccessTokenValidator(AccessTokenSettings settings, Clock clock, ProviderConnection connection,
            int maxCachedTokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tuning = connection.tuning();
        this.connection = connection;
        if (settings.jwksUri() == null) {
            this.discovery = connection.discovery();
            this.configuredIssuer = null;
        } else {
            this.discovery = null;
            this.configuredIssuer = new Issuer(settings.issuer().toString(), settings.jwksUri());
        }
        JwksCache jwks = connection.jwks();
        this.verifier = new SignedJwtVerifier(JwtKind.ACCESS_TOKEN,
                new JwsHeaderRules(JwtKind.ACCESS_TOKEN, settings.allowedSigningAlgorithms()),
                new SignatureVerification(jwks, null));
        this.claimRules = new AccessTokenClaimRules(settings.audiences(), settings.clientId(), settings.clockSkew());
        this.cache = new VerifiedTokenCache(maxCachedTokens);
        this.dpopProofs = new DpopProofVerifier(clock, DPOP_PROOF_MAX_AGE, DPOP_PROOF_MAX_FUTURE);
        this.dpopReplayGuard = ReplayGuard.inMemory(ReplayGuard.DEFAULT_MAX_ENTRIES, clock);
    }

    /**
     * @return the settings this validator was built with
     */
    public AccessTokenSettings settings() {
        return settings;
    }

    /**
     * Validates a bearer access token, as described in the class documentation.
     *
     * @param jwt the token from the {@code Authorization: Bearer} header (RFC 6750 2.1)
     * @return the validated token and its claims
     * @throws ProviderUnavailableException if discovery or the key set cannot be fetched
     * @throws ProviderRejectedException naming the failed step
     */
    public ValidatedAccessToken validateAccessToken(String jwt)
            throws ProviderUnavailableException, ProviderRejectedException {
        ValidatedAccessToken validated = validate(jwt);
        // RFC 9449 7.2: a DPoP-bound token presented as a bearer token is refused; a thief of it has no key
        if (DpopBinding.thumbprintOf(validated) != null) {
            throw new ProviderRejectedException("RFC 9449 7.2: a DPoP-bound token (cnf.jkt) presented as a bearer "
                    + "token");
        }
        return validated;
    }

    /**
     * Validates a DPoP-bound access token (RFC 9449 7.1) with the request's DPoP proof: the proof as RFC 9449 4.3
     * requires (one {@code DPoP} header, a well-formed JWT typed {@code dpop+jwt}, an accepted asymmetric
     * {@code alg}, a public {@code jwk} that verifies its signature, {@code htm} and {@code htu} of this request,
     * {@code iat} within 60 s past and 5 s ahead, {@code ath} the token's hash, a {@code jti} not seen before), the
     * token as {@link #validateAccessToken} does, and the token's {@code cnf.jkt} the thumbprint of the proof's key.
     * A token without {@code cnf.jkt} is refused: it is no DPoP-bound token, and the proof would bind nothing.
     *
     * @param jwt the token from the {@code Authorization: DPoP} header
     * @param dpopHeaders every value of the request's {@code DPoP} header
     * @param method the request's HTTP method
     * @param requestUrl the request's URL as the client addressed it; query and fragment are ignored
     * @return the validated token and its claims
     * @throws ProviderUnavailableException if discovery or the key set cannot be fetched
     * @throws ProviderRejectedException naming the failed step, when the token is not acceptable
     * @throws InvalidDpopProofException naming the failed step, when the proof is not acceptable for the token
     */
    public ValidatedAccessToken validateDpopAccessToken(String jwt, java.util.List<String> dpopHeaders, String method,
            URI requestUrl) throws ProviderUnavailableException, ProviderRejectedException, InvalidDpopProofException {
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUrl, "requestUrl");
        // the proof's cheap checks first (microseconds), then the token (a cache hit, or its own signature), then the
        // key match, and only then the proof's signature: an ECDSA verification costs some twenty bearer validations
        // (BENCHMARKS.md), so a proof is verified only for a valid token bound to the key it names
        DpopProofVerifier.ExaminedProof examined = dpopProofs.examine(dpopHeaders, method, requestUrl, jwt);
        ValidatedAccessToken validated = validate(jwt);
        String boundTo = DpopBinding.thumbprintOf(validated);
        // RFC 9449 7.1: the DPoP scheme carries DPoP-bound tokens only
        if (boundTo == null) {
            throw new ProviderRejectedException("RFC 9449 7.1: the token presented under the DPoP scheme has no "
                    + "cnf.jkt");
        }
        // RFC 9449 4.3 step 12 and 6.1: the token is bound to the key that signed the proof
        if (!boundTo.equals(examined.claimedThumbprint())) {
            throw new InvalidDpopProofException("RFC 9449 4.3 step 12: the access token is bound to another key "
                    + "(cnf.jkt)");
        }
        DpopProofVerifier.CheckedProof proof = dpopProofs.verify(examined);
        // RFC 9449 11.1: a proof is used once; recorded last, so only a holder of a valid token and key fills it
        if (!dpopReplayGuard.firstUse(proof.thumbprint(), proof.jti(), dpopProofs.forgetAfter(proof))) {
            throw new InvalidDpopProofException("RFC 9449 11.1: the DPoP proof's jti was used before (replay)");
        }
        return validated;
    }

    private ValidatedAccessToken validate(String jwt) throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(jwt, "jwt");
        Instant now = clock.instant();
        String cacheKey = VerifiedTokenCache.keyOf(jwt);
        ValidatedAccessToken remembered = cache.get(cacheKey, now);
        if (remembered != null) {
            return remembered;
        }
        Issuer issuer = issuer();
        // RFC 9068 4 steps 1, 2 and 5: type, form, algorithm and signature, before any claim is trusted
        SignedJwtVerifier.VerifiedJwt verified = verifier.verify(jwt, null, issuer.jwksUri());
        // RFC 9068 4 steps 3, 4 and 6, RFC 7519 4.1.5 and 4.1.6, RFC 9068 2.2
        ValidatedAccessToken validated = claimRules.check(verified.claims(), verified.type(), issuer.identifier(), now);
        Instant expiry = validated.expiresAt().plus(settings.clockSkew());
        Instant recheck = now.plus(tuning.jwksMaxAge());
        cache.put(cacheKey, validated, expiry.isBefore(recheck) ? expiry : recheck);
        return validated;
    }

    private Issuer issuer() throws ProviderUnavailableException, ProviderRejectedException {
        if (configuredIssuer != null) {
            return configuredIssuer;
        }
        ProviderMetadata metadata = discovery.metadata();
        return new Issuer(metadata.issuer().toString(), metadata.jwksUri());
    }

    /** The shared HTTP client, configuration and keys of this validator's issuer. */
    ProviderConnection connection() {
        return connection;
    }

    /** Names the issuer and the audiences. */
    @Override
    public String toString() {
        return "AccessTokenValidator[issuer=" + settings.issuer() + ", audiences=" + settings.audiences() + "]";
    }
}
