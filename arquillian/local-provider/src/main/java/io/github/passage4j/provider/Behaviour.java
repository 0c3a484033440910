package io.github.passage4j.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The switches a test flips to make the provider behave differently, from token lifetimes to outright failures.
 *
 * <p>One instance belongs to each {@link LocalPassageProvider} ({@link LocalPassageProvider#behaviour()}); every
 * endpoint reads it on every request, so a change applies to the next request. All methods are thread-safe. Setters
 * return {@code this} so that changes chain; {@link #reset()} returns everything to the defaults, which make the
 * provider behave like Passage.
 *
 * <p>Hooks ({@link #idTokenClaims(UnaryOperator)} and friends) replace any hook set before; they run on the request's
 * thread and should be quick. A hook that throws makes that request answer {@code 500}.
 */
public final class Behaviour {

    /** Default lifetime of ID tokens. */
    public static final Duration DEFAULT_ID_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Default lifetime of access tokens, reported as {@code expires_in}. */
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3600);
    /** Default lifetime of authorization codes. */
    public static final Duration DEFAULT_AUTHORIZATION_CODE_LIFETIME = Duration.ofSeconds(60);

    private final SigningKeys keys;
    private final Map<Endpoint, ArmedFault> faults = new ConcurrentHashMap<>();
    private final Queue<AuthorizationError> authorizationErrors = new ConcurrentLinkedQueue<>();
    // Requests held by a hang or delay wait on this latch; reset() opens it and puts a fresh one in its place.
    private volatile CountDownLatch release = new CountDownLatch(1);

    private volatile Duration idTokenLifetime;
    private volatile Duration accessTokenLifetime;
    private volatile Duration authorizationCodeLifetime;
    private volatile Duration clockSkew;
    private volatile boolean refreshTokens;
    private volatile boolean includeAzp;
    private volatile JWK idTokenSigningKey;
    private volatile UnaryOperator<JWTClaimsSet.Builder> idTokenClaims;
    private volatile AuthTimeFlaw authTime = AuthTimeFlaw.NONE;
    private volatile String acr;
    private volatile FormPostFlaw formPost = FormPostFlaw.NONE;
    private volatile UnaryOperator<JWSHeader.Builder> idTokenHeader;
    private volatile UnaryOperator<Map<String, Object>> discoveryDocument;
    private volatile UnaryOperator<Map<String, Object>> jwksDocument;
    private volatile String jwksCacheControl;
    private volatile UnaryOperator<Map<String, Object>> userinfoClaims;
    private volatile boolean unsignedIdTokens;
    private volatile HmacSecret idTokenHmacSecret;
    private volatile boolean corruptIdTokenSignatures;
    private volatile boolean publishEcSigningKey;
    private volatile boolean signAccessTokensWithEcKey;
    private volatile UnaryOperator<String> authorizationResponseIssuer;
    private volatile boolean requireDpopNonce;
    private volatile boolean bearerTokenTypeForDpop;
    private volatile String endSessionOnlyMethod;
    private volatile boolean ignorePostedPostLogoutRedirectUri;
    private final AtomicBoolean rotationPending = new AtomicBoolean();
    private final Set<String> clientSecretPostClients = ConcurrentHashMap.newKeySet();
    private final Set<String> pkceOptionalClients = ConcurrentHashMap.newKeySet();

    Behaviour(SigningKeys keys) {
        this.keys = keys;
        restoreDefaults();
    }

    /**
     * Returns every setting to its default, clears all faults and pending authorization errors, cancels a rotation
     * asked for by {@link #rotateSigningKeyAtNextTokenRequest()} that has not happened yet, and lets go of requests
     * held by {@link Fault#hang()} or {@link Fault#delay(Duration)}. Keys (including rotations that happened),
     * clients, client keys ({@link #clientJwks(String, com.nimbusds.jose.jwk.JWKSet)}), users and request counters
     * are not touched. This also undoes every {@link HostileCase}.
     *
     * @return this
     */
    public Behaviour reset() {
        faults.clear();
        authorizationErrors.clear();
        rotationPending.set(false);
        clientSecretPostClients.clear();
        pkceOptionalClients.clear();
        restoreDefaults();
        restorePushedRequestDefaults();
        tokenEndpointAuthMethods = PASSAGE_AUTH_METHODS;
        requireIssuerAsAssertionAudience = false;
        clientJwksUris.clear();
        registeredAuthMethods.clear();
        restoreProtectedResponseDefaults();
        releaseHeldRequests();
        return this;
    }

    private void restoreDefaults() {
        idTokenLifetime = DEFAULT_ID_TOKEN_LIFETIME;
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        authorizationCodeLifetime = DEFAULT_AUTHORIZATION_CODE_LIFETIME;
        clockSkew = Duration.ZERO;
        refreshTokens = false;
        includeAzp = false;
        idTokenSigningKey = null;
        idTokenClaims = UnaryOperator.identity();
        authTime = AuthTimeFlaw.NONE;
        acr = null;
        formPost = FormPostFlaw.NONE;
        idTokenHeader = UnaryOperator.identity();
        discoveryDocument = UnaryOperator.identity();
        jwksDocument = UnaryOperator.identity();
        jwksCacheControl = null;
        userinfoClaims = UnaryOperator.identity();
        unsignedIdTokens = false;
        idTokenHmacSecret = null;
        corruptIdTokenSignatures = false;
        publishEcSigningKey = false;
        signAccessTokensWithEcKey = false;
        authorizationResponseIssuer = UnaryOperator.identity();
        requireDpopNonce = false;
        bearerTokenTypeForDpop = false;
        endSessionOnlyMethod = null;
        ignorePostedPostLogoutRedirectUri = false;
    }

    /**
     * Hostile for RP-Initiated Logout 1.0 section 2, which asks a provider to take both GET and POST: the end-session
     * endpoint takes only {@code method}, as real providers do. {@code GET}: a POST is answered {@code 404}, as one
     * well-known provider does by default. {@code POST}: a GET is answered {@code 405}. A relying party configured
     * with the other {@code passage.end-session-method} never comes back to its post-logout page.
     *
     * @param method {@code GET} or {@code POST}; null for both again (the default)
     * @return this
     */
    public Behaviour endSessionAcceptsOnly(String method) {
        if (method != null && !method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("GET, POST or null, not " + method);
        }
        this.endSessionOnlyMethod = method;
        return this;
    }

    /** @return the one method the end-session endpoint takes, or null for both */
    public String endSessionAcceptsOnly() {
        return endSessionOnlyMethod;
    }

    /**
     * Hostile: the end-session endpoint ignores a {@code post_logout_redirect_uri} sent in a POST body (it reads only
     * the query) and shows its "signed out" page, as one real provider does; a GET still comes back.
     *
     * @param ignore whether to ignore it (default false)
     * @return this
     */
    public Behaviour ignorePostedPostLogoutRedirectUri(boolean ignore) {
        this.ignorePostedPostLogoutRedirectUri = ignore;
        return this;
    }

    /** @return whether a POSTed post_logout_redirect_uri is ignored */
    public boolean ignorePostedPostLogoutRedirectUri() {
        return ignorePostedPostLogoutRedirectUri;
    }

    /**
     * With this on, the token and userinfo endpoints accept a DPoP proof only with the provider's current nonce
     * (RFC 9449 8 and 9): a proof without it gets {@code use_dpop_nonce} (400 at the token endpoint, 401 with a
     * {@code DPoP} challenge at userinfo) and the nonce in {@code DPoP-Nonce}. A client must retry once with it.
     *
     * @param required whether proofs need the nonce (default false)
     * @return this
     */
    public Behaviour requireDpopNonce(boolean required) {
        this.requireDpopNonce = required;
        return this;
    }

    /** @return whether DPoP proofs need the provider's nonce */
    public boolean requireDpopNonce() {
        return requireDpopNonce;
    }

    /**
     * Hostile: the token endpoint verifies a DPoP proof but answers {@code token_type} {@code Bearer} and issues
     * unbound tokens, as a provider that ignores DPoP does. A client that asked for binding must refuse them
     * (RFC 9449 5).
     *
     * @param bearer whether to answer Bearer to a DPoP proof (default false)
     * @return this
     */
    public Behaviour bearerTokenTypeForDpop(boolean bearer) {
        this.bearerTokenTypeForDpop = bearer;
        return this;
    }

    /** @return whether DPoP proofs get unbound Bearer tokens */
    public boolean bearerTokenTypeForDpop() {
        return bearerTokenTypeForDpop;
    }

    /**
     * Publishes the provider's own EC P-256 key beside its RSA keys in the JWKS and lists ES256 next to RS256 in
     * discovery's {@code id_token_signing_alg_values_supported}, as a provider supporting several algorithms does. A
     * token signed ES256 with it then carries a valid signature by a published key: a relying party registered for
     * RS256 must still refuse it (OIDC Core 3.1.3.7 step 7). See {@link HostileCase#WRONG_ALG_PUBLISHED_KEY} and
     * {@link TokenFlaw#ALG_ES256_PUBLISHED_KEY}; {@link #signIdTokensWithEcKey()} signs ID tokens with it.
     *
     * @return this
     */
    public Behaviour publishEcSigningKey() {
        this.publishEcSigningKey = true;
        return this;
    }

    /** @return whether the EC signing key is published and ES256 advertised */
    boolean publishesEcSigningKey() {
        return publishEcSigningKey;
    }

    /**
     * Publishes the EC key ({@link #publishEcSigningKey()}) and signs ID tokens ES256 with it: for a relying party
     * registered for ES256, a valid sign-in; for one registered for RS256, one it must refuse.
     *
     * @return this
     */
    public Behaviour signIdTokensWithEcKey() {
        publishEcSigningKey();
        ECKey ec = keys.ec();
        signIdTokensWith(ec);
        return idTokenHeader(header -> new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID())
                .type(header.build().getType()));
    }

    /**
     * Publishes the EC key ({@link #publishEcSigningKey()}) and signs access tokens ES256 with it, as a FAPI 2.0
     * provider does (FAPI 2.0 5.4.1 allows PS256 and ES256 only).
     *
     * @return this
     */
    public Behaviour signAccessTokensWithEcKey() {
        publishEcSigningKey();
        signAccessTokensWithEcKey = true;
        return this;
    }

    /** @return whether access tokens are signed ES256 with the EC key */
    boolean accessTokensSignedWithEcKey() {
        return signAccessTokensWithEcKey;
    }

    /** @return the provider's EC key, signing only what {@link #publishEcSigningKey()} makes verifiable */
    ECKey ecSigningKey() {
        return keys.ec();
    }

    // ---------------------------------------------------------------- authorization

    /**
     * Makes the next authorization request (with a valid client and redirect URI) answer
     * {@code error=access_denied}, with its {@code state}, instead of showing the login page.
     *
     * @return this
     */
    public Behaviour denyNextAuthorization() {
        return failNextAuthorization("access_denied", "The user denied the request");
    }

    /**
     * Makes the next authorization request (with a valid client and redirect URI) redirect back with this error
     * instead of showing the login page. Calls queue up: each applies to one request.
     *
     * @param error       the {@code error} code, e.g. {@code access_denied}, {@code server_error}
     * @param description the {@code error_description}, or {@code null} for none
     * @return this
     */
    public Behaviour failNextAuthorization(String error, String description) {
        authorizationErrors.add(new AuthorizationError(Objects.requireNonNull(error, "error"), description));
        return this;
    }

    /** @return the queued authorization error to answer with now, or {@code null} */
    AuthorizationError takeAuthorizationError() {
        return authorizationErrors.poll();
    }

    /** An error an authorization request answers with. */
    record AuthorizationError(String error, String description) {
    }

    /**
     * Sets a hook that decides the {@code iss} parameter of authorization responses (RFC 9207), success and error
     * redirects alike. It gets the issuer and returns the value to send, or {@code null} to send no {@code iss} at
     * all; discovery keeps advertising {@code authorization_response_iss_parameter_supported: true} either way.
     *
     * @param hook e.g. {@code issuer -> issuer + "/other"}, or {@code issuer -> null}
     * @return this
     */
    public Behaviour authorizationResponseIssuer(UnaryOperator<String> hook) {
        this.authorizationResponseIssuer = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** @return the authorization response {@code iss} hook */
    UnaryOperator<String> authorizationResponseIssuer() {
        return authorizationResponseIssuer;
    }

    // ---------------------------------------------------------------- lenient clients (not Passage)

    /**
     * Lets the client {@code clientId} also authenticate at the token and revocation endpoints with
     * {@code client_secret_post} ({@code client_id} and {@code client_secret} in the form body, no
     * {@code Authorization} header), which Passage does not support. Off for every client by default; meant for
     * relying parties that cannot send {@code client_secret_basic}, such as Jakarta Security's built-in
     * {@code @OpenIdAuthenticationMechanismDefinition} (Soteria), e.g. in a comparison benchmark. A request using both
     * methods at once is still rejected, and every other client still needs {@code client_secret_basic}.
     *
     * @param clientId the client to allow it for
     * @return this
     */
    public Behaviour allowClientSecretPost(String clientId) {
        clientSecretPostClients.add(Objects.requireNonNull(clientId, "clientId"));
        return this;
    }

    /** @return whether {@code clientId} may authenticate with {@code client_secret_post} */
    boolean clientSecretPostAllowed(String clientId) {
        return clientId != null && clientSecretPostClients.contains(clientId);
    }

    /**
     * Lets the client {@code clientId} leave out PKCE: an authorization request without {@code code_challenge} is
     * accepted, and its code is redeemed without {@code code_verifier} (a {@code code_verifier} for such a code is
     * rejected). A request that does send a challenge is checked as always. PKCE (S256) stays required for every
     * other client, as by default for all. Meant for relying parties without PKCE, such as Soteria's
     * {@code @OpenIdAuthenticationMechanismDefinition} (Jakarta Security 3.0).
     *
     * @param clientId the client to make PKCE optional for
     * @return this
     */
    public Behaviour pkceOptional(String clientId) {
        pkceOptionalClients.add(Objects.requireNonNull(clientId, "clientId"));
        return this;
    }

    /** @return whether authorization requests of {@code clientId} must use PKCE (the default) */
    boolean pkceRequired(String clientId) {
        return clientId == null || !pkceOptionalClients.contains(clientId);
    }

    // ---------------------------------------------------------------- endpoint faults

    /**
     * Makes every request to {@code endpoint} fail with {@code fault} until {@link #clearFault(Endpoint)} or
     * {@link #reset()}. Replaces any fault set for that endpoint before.
     *
     * @param endpoint the endpoint
     * @param fault    how it fails
     * @return this
     */
    public Behaviour fail(Endpoint endpoint, Fault fault) {
        return arm(endpoint, new ArmedFault(fault, -1, null));
    }

    /**
     * Makes the next {@code times} requests to {@code endpoint} fail with {@code fault}; later ones are answered
     * normally.
     *
     * @param endpoint the endpoint
     * @param fault    how it fails
     * @param times    how many requests fail, at least 1
     * @return this
     */
    public Behaviour failNext(Endpoint endpoint, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        return arm(endpoint, new ArmedFault(fault, times, null));
    }

    /**
     * Makes requests to {@code endpoint} fail with {@code fault} for {@code duration} from now.
     *
     * @param endpoint the endpoint
     * @param fault    how it fails
     * @param duration for how long
     * @return this
     */
    public Behaviour failFor(Endpoint endpoint, Fault fault, Duration duration) {
        return arm(endpoint, new ArmedFault(fault, -1, Instant.now().plus(Objects.requireNonNull(duration, "duration"))));
    }

    /**
     * Lets {@code endpoint} answer normally again.
     *
     * @param endpoint the endpoint
     * @return this
     */
    public Behaviour clearFault(Endpoint endpoint) {
        faults.remove(endpoint);
        return this;
    }

    private Behaviour arm(Endpoint endpoint, ArmedFault armed) {
        faults.put(Objects.requireNonNull(endpoint, "endpoint"), armed);
        return this;
    }

    /** @return the fault this request to {@code endpoint} suffers, or {@code null}; uses up one of a limited count */
    Fault takeFault(Endpoint endpoint) {
        ArmedFault armed = faults.get(endpoint);
        if (armed == null) {
            return null;
        }
        if (armed.until != null && Instant.now().isAfter(armed.until)) {
            faults.remove(endpoint, armed);
            return null;
        }
        if (armed.remaining == null) {
            return armed.fault;
        }
        int left = armed.remaining.getAndDecrement();
        if (left <= 1) {
            faults.remove(endpoint, armed);
        }
        return left >= 1 ? armed.fault : null;
    }

    /** A fault with its limits: a count of requests (or {@code null}: no limit) and an end time (or {@code null}). */
    private static final class ArmedFault {
        final Fault fault;
        final AtomicInteger remaining;
        final Instant until;

        ArmedFault(Fault fault, int times, Instant until) {
            this.fault = Objects.requireNonNull(fault, "fault");
            this.remaining = times < 0 ? null : new AtomicInteger(times);
            this.until = until;
        }
    }

    /**
     * Holds the calling request thread until {@link #reset()} (or close) lets go, or {@code max} passes.
     *
     * @param max how long to hold at most, or {@code null} for no limit
     */
    void hold(Duration max) {
        CountDownLatch latch = release;
        try {
            if (max == null) {
                latch.await();
            } else {
                latch.await(max.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            // The provider is closing: stop holding and keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }

    /** Lets go of every request held by {@link #hold(Duration)}. */
    void releaseHeldRequests() {
        CountDownLatch held = release;
        release = new CountDownLatch(1);
        held.countDown();
    }

    // ---------------------------------------------------------------- tokens

    /**
     * @param lifetime how long ID tokens are valid ({@code exp - iat}); may be zero or negative to issue expired ones
     * @return this
     */
    public Behaviour idTokenLifetime(Duration lifetime) {
        this.idTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /** @return how long ID tokens are valid */
    public Duration idTokenLifetime() {
        return idTokenLifetime;
    }

    /**
     * @param lifetime how long access tokens are valid, reported as {@code expires_in} (default 3600 s)
     * @return this
     */
    public Behaviour accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /** @return how long access tokens are valid */
    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /**
     * @param lifetime how long an authorization code can be redeemed (default 60 s)
     * @return this
     */
    public Behaviour authorizationCodeLifetime(Duration lifetime) {
        this.authorizationCodeLifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /** @return how long an authorization code can be redeemed */
    public Duration authorizationCodeLifetime() {
        return authorizationCodeLifetime;
    }

    /**
     * Shifts the provider's clock, as if it ran ahead (positive) or behind (negative): moves {@code iat},
     * {@code exp} and {@code auth_time} of issued tokens.
     *
     * @param skew the shift (default zero)
     * @return this
     */
    public Behaviour clockSkew(Duration skew) {
        this.clockSkew = Objects.requireNonNull(skew, "skew");
        return this;
    }

    /** @return the provider's clock, with {@link #clockSkew(Duration)} applied */
    public Clock clock() {
        return Clock.offset(Clock.systemUTC(), clockSkew);
    }

    /**
     * Passage issues no refresh tokens; with this on, the token endpoint issues them and accepts
     * {@code grant_type=refresh_token}, rotating the refresh token on each use.
     *
     * @param enabled whether to issue refresh tokens (default false)
     * @return this
     */
    public Behaviour refreshTokens(boolean enabled) {
        this.refreshTokens = enabled;
        return this;
    }

    /** @return whether refresh tokens are issued */
    public boolean refreshTokens() {
        return refreshTokens;
    }

    /**
     * @param include whether ID tokens carry {@code azp} (the client id); off by default
     * @return this
     */
    public Behaviour includeAzp(boolean include) {
        this.includeAzp = include;
        return this;
    }

    /** @return whether ID tokens carry {@code azp} */
    public boolean includeAzp() {
        return includeAzp;
    }

    /**
     * Signs ID tokens with {@code key} instead of the published signing key, e.g. a key the JWKS does not have. The
     * header's {@code kid} is the key's id unless {@link #idTokenHeader(UnaryOperator)} changes it, so a test can
     * claim a published {@code kid} while signing with another key. RSA, EC, octet (HMAC) and Ed25519 (EdDSA, signed
     * with the JDK's Ed25519) keys work; the algorithm stays RS256 unless the header hook sets one that fits the key.
     *
     * @param key a private or secret key, or {@code null} to sign with the provider's key again
     * @return this
     */
    public Behaviour signIdTokensWith(JWK key) {
        if (key != null && !key.isPrivate()) {
            throw new IllegalArgumentException("a signing key must hold its private (or secret) part");
        }
        this.idTokenSigningKey = key;
        return this;
    }

    /** @return the key that signs ID tokens in place of the provider's, or {@code null} */
    JWK idTokenSigningKey() {
        return idTokenSigningKey;
    }

    /**
     * Sets a hook that changes ID token claims just before signing. It gets a builder holding every claim the
     * provider would issue and returns the builder to sign (the same one or a new one).
     *
     * @param hook e.g. {@code claims -> claims.issuer("https://evil.example")}
     * @return this
     */
    public Behaviour idTokenClaims(UnaryOperator<JWTClaimsSet.Builder> hook) {
        this.idTokenClaims = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /**
     * Makes the ID token carry a {@code groups} claim of {@code count} groups ({@code group-00001}, ...), as a provider
     * mapping a user of very many groups does: with a few thousand, the signed-in session no longer fits in a relying
     * party's stateless session cookies (8 of 4 KB), which it must answer with an error rather than a sign-in loop.
     * Sets the {@link #idTokenClaims(UnaryOperator)} hook.
     *
     * @param count how many groups
     * @return this
     */
    public Behaviour manyGroupsInIdToken(int count) {
        List<String> groups = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            groups.add(String.format("group-%05d", i));
        }
        List<String> all = List.copyOf(groups);
        return idTokenClaims(claims -> claims.claim("groups", all));
    }

    /** @return the ID token claims hook */
    UnaryOperator<JWTClaimsSet.Builder> idTokenClaims() {
        return idTokenClaims;
    }

    /**
     * Hostile switch for OIDC Core 3.1.3.7 step 13: ID tokens without {@code auth_time}, or with one a day too old
     * ({@link AuthTimeFlaw}). A relying party that sent {@code max_age} must refuse the sign-in.
     *
     * @param flaw what is wrong with {@code auth_time}; {@link AuthTimeFlaw#NONE} for nothing
     * @return this
     */
    public Behaviour authTime(AuthTimeFlaw flaw) {
        this.authTime = Objects.requireNonNull(flaw, "flaw");
        return this;
    }

    AuthTimeFlaw authTime() {
        return authTime;
    }

    /**
     * Hostile switch for OIDC Core 3.1.3.7 step 12: every ID token claims this {@code acr}, whatever the request's
     * {@code acr_values} asked and the user did, as a provider that quietly kept a weaker authentication would. A
     * relying party that sent {@code acr_values} must refuse the sign-in unless it is one of them. By default the
     * {@code acr} is the first requested value of {@code acr_values_supported}
     * ({@code urn:passage4j:acr:password}, {@code urn:passage4j:acr:mfa}), and none when none was requested.
     *
     * @param value the {@code acr} to claim; null for the honest default
     * @return this
     */
    public Behaviour acr(String value) {
        this.acr = value;
        return this;
    }

    String acr() {
        return acr;
    }

    /**
     * Hostile for OAuth 2.0 Form Post Response Mode: what goes wrong with the answer to a request that asked for
     * {@code response_mode=form_post} (the response in a redirect after all, or a form with a changed state).
     *
     * @param flaw the flaw, {@link FormPostFlaw#NONE} for a proper self-submitting form (the default)
     * @return this
     */
    public Behaviour formPost(FormPostFlaw flaw) {
        this.formPost = Objects.requireNonNull(flaw, "flaw");
        return this;
    }

    FormPostFlaw formPost() {
        return formPost;
    }

    /**
     * Sets a hook that changes the ID token's JWS header just before signing. It gets a builder with {@code alg},
     * {@code kid} and {@code typ} set, and may return a new builder to change the algorithm.
     *
     * @param hook e.g. {@code header -> header.keyID("unknown")}
     * @return this
     */
    public Behaviour idTokenHeader(UnaryOperator<JWSHeader.Builder> hook) {
        this.idTokenHeader = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** @return the ID token header hook */
    UnaryOperator<JWSHeader.Builder> idTokenHeader() {
        return idTokenHeader;
    }

    /**
     * Issues unsigned ID tokens: an unsecured JWT (RFC 7519 6) whose header is exactly {@code {"alg":"none"}} and
     * whose signature part is empty. The claims hook still applies; the header hook, the signing key and
     * {@link #signIdTokensWithHmac(HmacSecret)} do not. Access tokens stay signed.
     *
     * @param unsigned whether ID tokens are unsigned (default false)
     * @return this
     */
    public Behaviour unsignedIdTokens(boolean unsigned) {
        this.unsignedIdTokens = unsigned;
        return this;
    }

    /** @return whether ID tokens are unsigned ({@code alg: none}) */
    public boolean unsignedIdTokens() {
        return unsignedIdTokens;
    }

    /** Where the secret of {@link #signIdTokensWithHmac(HmacSecret)} comes from. */
    public enum HmacSecret {
        /** The UTF-8 bytes of the secret of the client the token is issued to, whatever its length. */
        CLIENT_SECRET,
        /**
         * The DER encoding (X.509 SubjectPublicKeyInfo) of the public part of the current signing key, which anyone
         * can rebuild from the JWKS: the classic RS256-to-HS256 key confusion.
         */
        SIGNING_KEY_PUBLIC_DER,
        /**
         * The same public key as PEM text ({@code -----BEGIN PUBLIC KEY-----}, 64-column lines, {@code \n} line
         * ends, final newline), the form some libraries hand to their verifier.
         */
        SIGNING_KEY_PUBLIC_PEM
    }

    /**
     * Signs ID tokens with HMAC (HS256 unless the header hook sets HS384 or HS512), keyed with {@code secret}. The
     * HMAC is computed with {@code javax.crypto.Mac}, so secrets shorter than the hash (a short client secret) work.
     * The header keeps the signing key's {@code kid} for the public-key secrets and has no {@code kid} for the client
     * secret. Discovery keeps advertising RS256 only. {@link #signIdTokensWith(JWK)} is ignored meanwhile.
     *
     * @param secret where the HMAC secret comes from, or {@code null} to sign normally again
     * @return this
     */
    public Behaviour signIdTokensWithHmac(HmacSecret secret) {
        this.idTokenHmacSecret = secret;
        return this;
    }

    /** @return where the HMAC secret of ID tokens comes from, or {@code null} when they are not HMAC-signed */
    HmacSecret idTokenHmacSecret() {
        return idTokenHmacSecret;
    }

    /**
     * Corrupts the signature of every ID token after signing (one bit flipped in its middle byte), leaving header and
     * claims intact: a well-formed token that fails verification with the right key.
     *
     * @param corrupt whether to corrupt ID token signatures (default false)
     * @return this
     */
    public Behaviour corruptIdTokenSignatures(boolean corrupt) {
        this.corruptIdTokenSignatures = corrupt;
        return this;
    }

    /** @return whether ID token signatures are corrupted */
    public boolean corruptIdTokenSignatures() {
        return corruptIdTokenSignatures;
    }

    /**
     * Starts using a new signing key (new {@code kid}) for every token from now on, publishing it in the JWKS next to
     * the previous one. Same as {@link LocalPassageProvider#rotateSigningKey()}; {@link #reset()} does not undo it.
     *
     * @return the new key's {@code kid}
     */
    public String rotateSigningKey() {
        return rotateSigningKey(true);
    }

    /**
     * Starts using a new signing key (new {@code kid}) for every token from now on and publishes it in the JWKS.
     * Same as {@link LocalPassageProvider#rotateSigningKey(boolean)}; {@link #reset()} does not undo it.
     *
     * @param keepPrevious whether the JWKS keeps publishing the key used so far, as a careful provider does; if not,
     *                     tokens signed before no longer verify
     * @return the new key's {@code kid}
     */
    public String rotateSigningKey(boolean keepPrevious) {
        return keys.rotate(keepPrevious);
    }

    /**
     * Rotates the signing key (new {@code kid}, published next to the previous keys) at the next request to the token
     * endpoint that issues tokens, just before it signs them: a relying party that fetched the JWKS before that
     * request finds the new {@code kid} only by fetching the JWKS again. Happens once; {@link #reset()} cancels it if it
     * has not happened yet, and does not undo it once it has.
     *
     * @return this
     */
    public Behaviour rotateSigningKeyAtNextTokenRequest() {
        rotationPending.set(true);
        return this;
    }

    /** @return whether a rotation waits for the next token request */
    public boolean signingKeyRotationPending() {
        return rotationPending.get();
    }

    /** Rotates the signing key if {@link #rotateSigningKeyAtNextTokenRequest()} asked for it; called before issuing. */
    void rotateSigningKeyIfPending() {
        if (rotationPending.compareAndSet(true, false)) {
            keys.rotate(true);
        }
    }

    // ---------------------------------------------------------------- documents

    /**
     * Sets a hook that changes the discovery document before it is sent. It gets a mutable map of the document and
     * returns the map to send.
     *
     * @param hook e.g. {@code doc -> { doc.put("issuer", "https://other.example"); return doc; }}
     * @return this
     */
    public Behaviour discoveryDocument(UnaryOperator<Map<String, Object>> hook) {
        this.discoveryDocument = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** @return the discovery document hook */
    UnaryOperator<Map<String, Object>> discoveryDocument() {
        return discoveryDocument;
    }

    /**
     * Sets a hook that changes the JWKS document ({@code {"keys": [...]}}) before it is sent. It gets a mutable map
     * and returns the map to send.
     *
     * @param hook the hook
     * @return this
     */
    public Behaviour jwksDocument(UnaryOperator<Map<String, Object>> hook) {
        this.jwksDocument = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** @return the JWKS document hook */
    UnaryOperator<Map<String, Object>> jwksDocument() {
        return jwksDocument;
    }

    /**
     * Sends the JWKS document with this {@code Cache-Control} header, e.g. {@code max-age=30}, so that a test can make
     * the relying party's key set age within seconds rather than its default hour.
     *
     * @param value the header's value, or {@code null} for no header (the default)
     * @return this
     */
    public Behaviour jwksCacheControl(String value) {
        this.jwksCacheControl = value;
        return this;
    }

    /** @return the JWKS document's {@code Cache-Control}, or {@code null} for none */
    String jwksCacheControl() {
        return jwksCacheControl;
    }

    /**
     * Sets a hook that changes the UserInfo response claims before they are sent. It gets a mutable map and returns
     * the map to send.
     *
     * @param hook e.g. {@code claims -> { claims.put("sub", "someone-else"); return claims; }}
     * @return this
     */
    public Behaviour userinfoClaims(UnaryOperator<Map<String, Object>> hook) {
        this.userinfoClaims = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** @return the UserInfo claims hook */
    UnaryOperator<Map<String, Object>> userinfoClaims() {
        return userinfoClaims;
    }

    // ---------------------------------------------------------------- pushed requests, request objects

    /** Default lifetime of the request URIs of pushed authorization requests (RFC 9126). */
    public static final Duration DEFAULT_PAR_REQUEST_URI_LIFETIME = Duration.ofSeconds(60);

    private volatile Duration parRequestUriLifetime = DEFAULT_PAR_REQUEST_URI_LIFETIME;
    private volatile boolean requirePushedAuthorizationRequests;
    private volatile boolean requireSignedRequestObject;
    private volatile UnaryOperator<Map<String, Object>> parResponse = UnaryOperator.identity();
    // registrations, like clients: reset() keeps them
    private final Map<String, com.nimbusds.jose.jwk.JWKSet> clientJwks = new ConcurrentHashMap<>();

    private void restorePushedRequestDefaults() {
        parRequestUriLifetime = DEFAULT_PAR_REQUEST_URI_LIFETIME;
        requirePushedAuthorizationRequests = false;
        requireSignedRequestObject = false;
        parResponse = UnaryOperator.identity();
    }

    /**
     * How long the {@code request_uri} of a pushed authorization request is accepted at {@code /authorize}. The
     * answer's {@code expires_in} says at least 1 s, so a lifetime of zero or less is the hostile case of a request
     * URI that has expired when the browser arrives, although the client was told it is valid.
     *
     * @param lifetime the lifetime (default 60 s)
     * @return this
     */
    public Behaviour parRequestUriLifetime(Duration lifetime) {
        this.parRequestUriLifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /** @return how long the request URIs of pushed requests are accepted */
    public Duration parRequestUriLifetime() {
        return parRequestUriLifetime;
    }

    /**
     * Accepts authorization requests only as pushed ones (a {@code request_uri} from {@code /par}), refusing any
     * other with an error page, and announces {@code require_pushed_authorization_requests: true} (RFC 9126 5).
     *
     * @param required whether pushing is required (default false)
     * @return this
     */
    public Behaviour requirePushedAuthorizationRequests(boolean required) {
        this.requirePushedAuthorizationRequests = required;
        return this;
    }

    /** @return whether only pushed authorization requests are accepted */
    public boolean requiresPushedAuthorizationRequests() {
        return requirePushedAuthorizationRequests;
    }

    /**
     * Accepts authorization requests (at {@code /authorize} and {@code /par}) only as signed request objects, refusing
     * any other, and announces {@code require_signed_request_object: true} (RFC 9101 10.5).
     *
     * @param required whether request objects are required (default false)
     * @return this
     */
    public Behaviour requireSignedRequestObject(boolean required) {
        this.requireSignedRequestObject = required;
        return this;
    }

    /** @return whether only signed request objects are accepted */
    public boolean requiresSignedRequestObject() {
        return requireSignedRequestObject;
    }

    /**
     * Sets a hook that changes the JSON answer of {@code /par} ({@code request_uri}, {@code expires_in}) before it
     * is sent with its {@code 201}; the request stays stored under the issued URI.
     *
     * @param hook e.g. {@code answer -> { answer.put("expires_in", 0); return answer; }}
     * @return this
     */
    public Behaviour parResponse(UnaryOperator<Map<String, Object>> hook) {
        this.parResponse = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** @return the hook of the {@code /par} answer */
    UnaryOperator<Map<String, Object>> parResponse() {
        return parResponse;
    }

    /**
     * Hostile: {@code /par} answers {@code 201} without {@code request_uri}. Breaks RFC 9126 2.2: request_uri is
     * REQUIRED; a relying party must refuse to go on. Sets the {@link #parResponse(UnaryOperator)} hook.
     *
     * @return this
     */
    public Behaviour parResponseWithoutRequestUri() {
        return parResponse(answer -> {
            answer.remove("request_uri");
            return answer;
        });
    }

    /**
     * Hostile: {@code /par} answers {@code 201} without {@code expires_in}. Breaks RFC 9126 2.2: expires_in is
     * REQUIRED. Sets the {@link #parResponse(UnaryOperator)} hook.
     *
     * @return this
     */
    public Behaviour parResponseWithoutExpiresIn() {
        return parResponse(answer -> {
            answer.remove("expires_in");
            return answer;
        });
    }

    /**
     * Registers the public keys that verify the request objects (RFC 9101) of {@code clientId}, as a client's
     * {@code jwks} registration does; only the public halves are kept. A registration like adding a client:
     * {@link #reset()} keeps it.
     *
     * @param clientId the client
     * @param keys     its keys, or {@code null} to remove the registration
     * @return this
     */
    public Behaviour clientJwks(String clientId, com.nimbusds.jose.jwk.JWKSet keys) {
        Objects.requireNonNull(clientId, "clientId");
        if (keys == null) {
            clientJwks.remove(clientId);
        } else {
            clientJwks.put(clientId, keys.toPublicJWKSet());
        }
        return this;
    }

    /** @return the keys registered for {@code clientId}, or {@code null} */
    com.nimbusds.jose.jwk.JWKSet clientJwks(String clientId) {
        return clientId == null ? null : clientJwks.get(clientId);
    }

    // ---------------------------------------------------------------- client authentication methods

    /** Passage's only method. */
    static final List<String> PASSAGE_AUTH_METHODS = List.of("client_secret_basic");
    /** Every method the provider can check (mutual TLS aside). */
    public static final List<String> ALL_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "private_key_jwt");

    /**
     * The mutual TLS methods (RFC 8705 2), checked only at the mutual TLS listener: {@code tls_client_auth} for a
     * client with a {@link #clientCertificateSubject(String, String)}, {@code self_signed_tls_client_auth} by the
     * client's {@link #clientJwks(String, com.nimbusds.jose.jwk.JWKSet)}.
     */
    public static final List<String> MUTUAL_TLS_AUTH_METHODS = List.of("tls_client_auth",
            "self_signed_tls_client_auth");

    private volatile List<String> tokenEndpointAuthMethods = PASSAGE_AUTH_METHODS;
    private final Map<String, String> clientCertificateSubjects = new ConcurrentHashMap<>();
    private volatile boolean requireIssuerAsAssertionAudience;
    private final Map<String, java.net.URI> clientJwksUris = new ConcurrentHashMap<>();

    /**
     * The client authentication methods the token, PAR and revocation endpoints accept and discovery announces
     * ({@code token_endpoint_auth_methods_supported}, in this order); by default {@code client_secret_basic} only, as
     * Passage. {@link #reset()} restores it.
     *
     * @param methods some of {@link #ALL_AUTH_METHODS} and {@link #MUTUAL_TLS_AUTH_METHODS} (these only at the mutual
     *                TLS listener, {@link LocalPassageProvider.Builder#mutualTls})
     * @return this
     */
    public Behaviour tokenEndpointAuthMethods(String... methods) {
        List<String> chosen = List.of(methods);
        List<String> known = new java.util.ArrayList<>(ALL_AUTH_METHODS);
        known.addAll(MUTUAL_TLS_AUTH_METHODS);
        if (chosen.isEmpty() || !known.containsAll(chosen)) {
            throw new IllegalArgumentException("methods must be some of " + known + ": " + chosen);
        }
        this.tokenEndpointAuthMethods = chosen;
        return this;
    }

    /** @return the accepted client authentication methods, in the order discovery lists them */
    public List<String> tokenEndpointAuthMethods() {
        return tokenEndpointAuthMethods;
    }

    boolean acceptsTokenEndpointAuthMethod(String method) {
        return tokenEndpointAuthMethods.contains(method);
    }

    /**
     * Accepts client assertions only with the issuer as {@code aud}, as a FAPI 2.0 provider does, rather than also
     * the endpoint's URL (RFC 7523 3 allows either).
     *
     * @param required whether only the issuer is accepted (default false)
     * @return this
     */
    public Behaviour requireIssuerAsAssertionAudience(boolean required) {
        this.requireIssuerAsAssertionAudience = required;
        return this;
    }

    boolean requireIssuerAsAssertionAudience() {
        return requireIssuerAsAssertionAudience;
    }

    /**
     * Registers where the public keys of {@code clientId} are published ({@code jwks_uri} of OIDC Registration 2,
     * e.g. the app's {@code /passage/jwks}); they are fetched at each use, so a rotation shows at once. Takes
     * precedence over {@link #clientJwks(String, com.nimbusds.jose.jwk.JWKSet)}. {@link #reset()} removes it.
     *
     * @param clientId the client
     * @param jwksUri  where its key set is served
     * @return this
     */
    public Behaviour clientJwksUri(String clientId, java.net.URI jwksUri) {
        clientJwksUris.put(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(jwksUri, "jwksUri"));
        return this;
    }

    java.net.URI clientJwksUri(String clientId) {
        return clientId == null ? null : clientJwksUris.get(clientId);
    }

    /**
     * Registers the subject DN of the certificate {@code clientId} authenticates with by {@code tls_client_auth}
     * ({@code tls_client_auth_subject_dn}, RFC 8705 2.1.2), compared as a distinguished name (RFC 4514). A
     * registration like adding a client: {@link #reset()} keeps it.
     *
     * @param clientId  the client
     * @param subjectDn its certificate's subject, e.g. {@code CN=app-client,O=Example}, or {@code null} to remove it
     * @return this
     * @throws IllegalArgumentException when {@code subjectDn} is not a distinguished name
     */
    public Behaviour clientCertificateSubject(String clientId, String subjectDn) {
        Objects.requireNonNull(clientId, "clientId");
        if (subjectDn == null) {
            clientCertificateSubjects.remove(clientId);
        } else {
            new javax.security.auth.x500.X500Principal(subjectDn);
            clientCertificateSubjects.put(clientId, subjectDn);
        }
        return this;
    }

    /** @return the subject DN registered for {@code clientId}, or {@code null} */
    String clientCertificateSubject(String clientId) {
        return clientId == null ? null : clientCertificateSubjects.get(clientId);
    }

    // ---------------------------------------------------------------- per-client registration (RFC 7591)

    private final Map<String, String> registeredAuthMethods = new ConcurrentHashMap<>();

    /**
     * Registers the one {@code token_endpoint_auth_method} of {@code clientId} (RFC 7591 2): from then on that
     * client authenticates at the token, PAR and revocation endpoints only that way, even where
     * {@link #tokenEndpointAuthMethods(String...)} accepts others; any other way gets {@code invalid_client}.
     * {@link #reset()} removes it.
     *
     * @param clientId the client
     * @param method   one of {@link #ALL_AUTH_METHODS} or {@link #MUTUAL_TLS_AUTH_METHODS}, or {@code null} to remove
     *                 the registration
     * @return this
     */
    public Behaviour clientAuthenticationMethod(String clientId, String method) {
        Objects.requireNonNull(clientId, "clientId");
        if (method == null) {
            registeredAuthMethods.remove(clientId);
        } else if (!ALL_AUTH_METHODS.contains(method) && !MUTUAL_TLS_AUTH_METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + ALL_AUTH_METHODS + " or "
                    + MUTUAL_TLS_AUTH_METHODS + ": " + method);
        } else {
            registeredAuthMethods.put(clientId, method);
        }
        return this;
    }

    /** @return the method registered for {@code clientId}, or {@code null} when it may use any accepted one */
    String clientAuthenticationMethod(String clientId) {
        return clientId == null ? null : registeredAuthMethods.get(clientId);
    }

    // ---------------------------------------------------------------- signed userinfo, encrypted tokens (OIDC 5.3.2, 10.2)

    private volatile boolean signedUserinfo;
    private volatile boolean encryptIdTokens;
    private volatile boolean encryptUserinfo;
    private volatile JWK clientEncryptionKey;
    private volatile boolean userinfoSignedByAnotherKey;
    private volatile boolean userinfoForAnotherAudience;
    private volatile boolean userinfoFromAnotherIssuer;
    private volatile boolean encryptToAnotherKey;
    private volatile boolean unencryptedIdTokens;

    private void restoreProtectedResponseDefaults() {
        signedUserinfo = false;
        encryptIdTokens = false;
        encryptUserinfo = false;
        clientEncryptionKey = null;
        userinfoSignedByAnotherKey = false;
        userinfoForAnotherAudience = false;
        userinfoFromAnotherIssuer = false;
        encryptToAnotherKey = false;
        unencryptedIdTokens = false;
    }

    /**
     * Answers userinfo as an {@code application/jwt} signed with the current signing key (RS256), with {@code iss}
     * and {@code aud} (OIDC Core 5.3.2), as for a client that registered {@code userinfo_signed_response_alg}.
     *
     * @param on whether userinfo is signed (default false)
     * @return this
     */
    public Behaviour signedUserinfo(boolean on) {
        this.signedUserinfo = on;
        return this;
    }

    boolean signedUserinfo() {
        return signedUserinfo;
    }

    /**
     * Encrypts every ID token (after sign-in and refresh) to the client's {@code use: enc} key, as a nested JWT
     * (OIDC Core 10.2, {@code id_token_encrypted_response_alg}): A256GCM, the key's {@code alg} or RSA-OAEP-256 /
     * ECDH-ES.
     *
     * @param on whether ID tokens are encrypted (default false)
     * @return this
     */
    public Behaviour encryptIdTokens(boolean on) {
        this.encryptIdTokens = on;
        return this;
    }

    boolean encryptIdTokens() {
        return encryptIdTokens;
    }

    /**
     * Encrypts every userinfo answer to the client's {@code use: enc} key ({@code application/jwt}; signed inside
     * when {@link #signedUserinfo(boolean)} is on, else the JSON claims).
     *
     * @param on whether userinfo is encrypted (default false)
     * @return this
     */
    public Behaviour encryptUserinfo(boolean on) {
        this.encryptUserinfo = on;
        return this;
    }

    boolean encryptUserinfo() {
        return encryptUserinfo;
    }

    /**
     * The public key to encrypt to, in place of the client's registered {@code use: enc} key
     * ({@link #clientJwksUri} or {@link #clientJwks}). {@link #reset()} removes it.
     *
     * @param key the key (its public half is used), or null for the registered one
     * @return this
     */
    public Behaviour clientEncryptionKey(JWK key) {
        this.clientEncryptionKey = key == null ? null : key.toPublicJWK();
        return this;
    }

    JWK clientEncryptionKey() {
        return clientEncryptionKey;
    }

    /**
     * Hostile for OIDC Core 5.3.2: the signed userinfo JWT is signed by an attacker's key under the current key's
     * {@code kid}. Needs {@link #signedUserinfo(boolean)}.
     *
     * @param on whether to sign with the other key (default false)
     * @return this
     */
    public Behaviour userinfoSignedByAnotherKey(boolean on) {
        this.userinfoSignedByAnotherKey = on;
        return this;
    }

    boolean userinfoSignedByAnotherKey() {
        return userinfoSignedByAnotherKey;
    }

    /**
     * Hostile for OIDC Core 5.3.2: the signed userinfo JWT's {@code aud} is {@value HostileCase#UNTRUSTED_CLIENT}.
     *
     * @param on whether to send it for another audience (default false)
     * @return this
     */
    public Behaviour userinfoForAnotherAudience(boolean on) {
        this.userinfoForAnotherAudience = on;
        return this;
    }

    boolean userinfoForAnotherAudience() {
        return userinfoForAnotherAudience;
    }

    /**
     * Hostile for OIDC Core 5.3.2: the signed userinfo JWT's {@code iss} is the issuer followed by
     * {@value HostileCase#OTHER_ISSUER_SUFFIX}.
     *
     * @param on whether to send another issuer (default false)
     * @return this
     */
    public Behaviour userinfoFromAnotherIssuer(boolean on) {
        this.userinfoFromAnotherIssuer = on;
        return this;
    }

    boolean userinfoFromAnotherIssuer() {
        return userinfoFromAnotherIssuer;
    }

    /**
     * Hostile for OIDC Core 10.2: ID tokens and userinfo are encrypted to a key that is not the client's (same key
     * type, the client's {@code kid} in the header), so only decrypting tells.
     *
     * @param on whether to encrypt to the wrong key (default false)
     * @return this
     */
    public Behaviour encryptToAnotherKey(boolean on) {
        this.encryptToAnotherKey = on;
        return this;
    }

    boolean encryptToAnotherKey() {
        return encryptToAnotherKey;
    }

    /**
     * Hostile for OIDC Core 3.1.3.7 step 1: although {@link #encryptIdTokens(boolean)} registered encryption, ID
     * tokens are sent signed only.
     *
     * @param on whether to leave ID tokens unencrypted (default false)
     * @return this
     */
    public Behaviour unencryptedIdTokens(boolean on) {
        this.unencryptedIdTokens = on;
        return this;
    }

    boolean unencryptedIdTokens() {
        return unencryptedIdTokens;
    }
}
