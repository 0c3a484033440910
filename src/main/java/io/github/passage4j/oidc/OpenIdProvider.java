package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One OpenID provider as seen by one client: the authorization code flow with PKCE (OIDC Core
 * 3.1, RFC 7636), refresh (OIDC Core 12), RP-initiated logout and back-channel logout.
 *
 * <p>Thread-safe; meant to be created once per configured provider and shared. Creating it is
 * cheap and does no I/O: discovery, the key set and the HTTP client are set up on first need. An application
 * builds its providers with one {@link ProviderConnections} and closes that when it stops.
 * Every call to the provider is bounded by {@link ClientSettings#readTimeout()}.
 *
 * <p>Failures: {@link ProviderUnavailableException} when the provider cannot be used now (network,
 * timeout, 5xx, garbage), {@link ProviderRejectedException} when a check fails or the provider
 * refuses; both carry messages that are safe to log.
 */
public final class OpenIdProvider {

    private final ClientSettings settings;
    private final ProviderConnection connection;
    private final Discovery discovery;
    private final TokenEndpoint tokenEndpoint;
    private final AuthorizationRequestDelivery authorizationRequests;
    private final IdTokenValidator idTokenValidator;
    private final LogoutTokenValidator logoutTokenValidator;
    private final UserInfoEndpoint userInfoEndpoint;
    private final TokenRevocation tokenRevocation;
    private final AuthenticationAgeRule authenticationAge;
    private final AuthenticationContextRule authenticationContext = new AuthenticationContextRule();

    /**
     * A provider that reads time from {@link Clock#systemUTC()}.
     *
     * @param settings the client's settings
     */
    public OpenIdProvider(ClientSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * A provider with an explicit clock for token time checks (for tests).
     *
     * @param settings the client's settings
     * @param clock the source of the current time when checking {@code exp}, {@code iat} and
     *     {@code expires_in}
     */
    public OpenIdProvider(ClientSettings settings, Clock clock) {
        this(settings, clock, ReplayGuard.inMemory(ReplayGuard.DEFAULT_MAX_ENTRIES, clock));
    }

    /**
     * A provider with an explicit clock and the store that remembers back-channel logout tokens
     * already received, e.g. one shared by the nodes of a cluster.
     *
     * @param settings the client's settings
     * @param clock the source of the current time when checking {@code exp}, {@code iat} and
     *     {@code expires_in}
     * @param logoutReplayGuard remembers the logout tokens received (by issuer and {@code jti})
     */
    public OpenIdProvider(ClientSettings settings, Clock clock, ReplayGuard logoutReplayGuard) {
        this(settings, clock, Tuning.DEFAULT, logoutReplayGuard);
    }

    /**
     * A provider that shares its HTTP client, discovered configuration and keys with everything else built with
     * {@code connections} for the same issuer; it stops working when they are closed.
     *
     * @param settings the client's settings
     * @param clock the source of the current time when checking {@code exp}, {@code iat} and
     *     {@code expires_in}
     * @param logoutReplayGuard remembers the logout tokens received (by issuer and {@code jti})
     * @param connections the application's connections to its issuers
     */
    public OpenIdProvider(ClientSettings settings, Clock clock, ReplayGuard logoutReplayGuard,
            ProviderConnections connections) {
        this(settings, clock, logoutReplayGuard, Objects.requireNonNull(connections, "connections")
                .connection(settings.issuer(), null, settings.connectTimeout(), settings.readTimeout(),
                        ClientTls.of(settings.protocol())));
    }

    OpenIdProvider(ClientSettings settings, Clock clock, Tuning tuning) {
        this(settings, clock, tuning, ReplayGuard.inMemory(ReplayGuard.DEFAULT_MAX_ENTRIES, clock));
    }

    OpenIdProvider(ClientSettings settings, Clock clock, Tuning tuning, ReplayGuard logoutReplayGuard) {
        this(settings, clock, logoutReplayGuard, new ProviderConnection(tuning, settings.issuer(), null,
                settings.connectTimeout(), settings.readTimeout(), ClientTls.of(settings.protocol())));
    }

    private OpenIdProvider(ClientSettings settings, Clock clock, ReplayGuard logoutReplayGuard,
            ProviderConnection connection) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(logoutReplayGuard, "logoutReplayGuard");
        this.connection = connection;
        ProviderHttp http = connection.http();
        this.discovery = connection.discovery();
        JwksCache jwks = connection.jwks();
        ClientAuthentications authentications = new ClientAuthentications(settings, clock);
        this.tokenEndpoint = new TokenEndpoint(http, authentications, clock);
        // RFC 9126 2.1: the PAR endpoint authenticates the client as the token endpoint does
        this.authorizationRequests = new AuthorizationRequestDelivery(settings, http, authentications, clock);
        // RFC 7009 2.1: the revocation endpoint authenticates the client as the token endpoint does
        this.tokenRevocation = new TokenRevocation(http, authentications, clock);
        this.authenticationAge = new AuthenticationAgeRule(settings.clockSkew(), clock);
        // ID tokens and logout tokens are signed with the same keys (Back-Channel Logout 2.4)
        SignatureVerification signatures = new SignatureVerification(jwks, settings.clientSecret());
        // OIDC Core 10.2: ID tokens and userinfo encrypted to the client's key (TokenProtection), if configured
        TokenDecryption decryption = new TokenDecryption(settings.protocol().tokenProtection());
        this.idTokenValidator = new IdTokenValidator(
                new SignedJwtVerifier(JwtKind.ID_TOKEN,
                        new JwsHeaderRules(JwtKind.ID_TOKEN, settings.allowedSigningAlgorithms()), signatures),
                new IdTokenClaimRules(settings.clientId(), settings.clockSkew()),
                clock, decryption);
        // OIDC Core 5.3.2: a signed userinfo response is verified with the ID token's algorithms and keys
        this.userInfoEndpoint = new UserInfoEndpoint(http, clock, new UserInfoResponse(
                new SignedJwtVerifier(JwtKind.USERINFO,
                        new JwsHeaderRules(JwtKind.USERINFO, settings.allowedSigningAlgorithms()), signatures),
                decryption, settings.clientId(), settings.protocol().tokenProtection().signedUserinfo()));
        this.logoutTokenValidator = new LogoutTokenValidator(
                new SignedJwtVerifier(JwtKind.LOGOUT_TOKEN,
                        new JwsHeaderRules(JwtKind.LOGOUT_TOKEN, settings.allowedSigningAlgorithms()), signatures),
                new LogoutTokenClaimRules(settings.clientId(), settings.clockSkew()),
                logoutReplayGuard,
                clock);
    }

    /**
     * @return the settings this provider was built with
     */
    public ClientSettings settings() {
        return settings;
    }

    /**
     * The provider's validated configuration, discovered on first call and then kept. After a
     * failure, calls within a short back-off (about 2 s) fail at once with the same message, so a
     * burst of sign-ins does not hammer a provider that is down; the first call after it tries
     * again.
     *
     * @return the provider metadata
     * @throws ProviderUnavailableException if the discovery document cannot be fetched or parsed
     * @throws ProviderRejectedException if the document is invalid, e.g. names another issuer
     */
    public ProviderMetadata metadata() throws ProviderUnavailableException, ProviderRejectedException {
        return discovery.metadata();
    }

    /**
     * The URL to redirect the browser to, to start the authorization code flow with PKCE (OIDC
     * Core 3.1.2.1, RFC 7636 4.3). Any query the authorization endpoint already has is kept. When the settings
     * or the provider ask for it, the parameters are signed as a request object (RFC 9101) and/or pushed to the
     * provider first (RFC 9126), and the URL carries only {@code client_id} and {@code request} or
     * {@code request_uri}.
     *
     * @param request the redirect URI and this attempt's state, nonce and code challenge
     * @return the authorization endpoint with the request parameters
     * @throws ProviderUnavailableException if discovery or the push fails
     * @throws ProviderRejectedException if the discovery document is invalid, the provider refuses the pushed
     *     request, or the settings need what the provider does not offer
     */
    public URI authorizationRedirect(AuthorizationRequest request)
            throws ProviderUnavailableException, ProviderRejectedException {
        return authorizationRedirect(request, ResponseMode.QUERY);
    }

    /**
     * Like {@link #authorizationRedirect(AuthorizationRequest)}, with the response mode the callback expects: for
     * {@link ResponseMode#FORM_POST} {@code response_mode=form_post} goes in the query, the pushed request and the
     * request object alike, after the provider's {@code response_modes_supported} was checked.
     *
     * @param request the redirect URI and this attempt's state, nonce and code challenge
     * @param responseMode how the provider is to return the response
     * @return the authorization endpoint with the request parameters
     * @throws ProviderUnavailableException if discovery or the push fails
     * @throws ProviderRejectedException as {@link #authorizationRedirect(AuthorizationRequest)}, and when the
     *     provider lists its response modes without this one
     */
    public URI authorizationRedirect(AuthorizationRequest request, ResponseMode responseMode)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(responseMode, "responseMode");
        if (fapi2()) {
            Fapi2Rules.checkRedirectUri(request.redirectUri());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", settings.clientId());
        parameters.put("redirect_uri", request.redirectUri().toString());
        parameters.put("scope", String.join(" ", settings.scope()));
        parameters.put("state", request.state());
        parameters.put("nonce", request.nonce());
        parameters.put("code_challenge", request.codeChallenge());
        parameters.put("code_challenge_method", "S256");
        if (request.dpopJkt() != null) {
            // RFC 9449 10: binds the code to the session's DPoP key, so a stolen code is useless without it
            parameters.put("dpop_jkt", request.dpopJkt());
        }
        // OIDC Core 3.1.2.1: prompt, max_age, ... never one of the above (AuthorizationParameters.PROTECTED); one map
        // for the query, the pushed request and the request object alike
        request.extraParameters().asMap().forEach(parameters::putIfAbsent);
        if (responseMode != ResponseMode.QUERY) {
            // OAuth 2.0 Form Post Response Mode 2; query is the code flow's default and stays unsent, as before
            responseMode.checkSupportedBy(metadata());
            parameters.put("response_mode", responseMode.parameterValue());
        }
        try {
            return authorizationRequests.redirect(metadata(), parameters);
        } catch (ProviderUnavailableException e) {
            discovery.endpointFailed();
            throw e;
        }
    }

    /**
     * Checks the {@code iss} parameter of the authorization response against mix-up attacks
     * (RFC 9207 2.4): when present it must equal the issuer exactly; when absent, the provider must
     * not have announced that it sends it, and the client must not follow the FAPI 2.0 profile, which requires it.
     *
     * @param issParameterOrNull the {@code iss} query parameter of the callback, or null if absent
     * @throws ProviderUnavailableException if discovery fails
     * @throws ProviderRejectedException if the check fails
     */
    public void checkAuthorizationResponseIssuer(String issParameterOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        ProviderMetadata metadata = metadata();
        if (issParameterOrNull != null) {
            // RFC 9207 2.4: simple string comparison with the issuer identifier from discovery
            if (!issParameterOrNull.equals(metadata.issuer().toString())) {
                throw new ProviderRejectedException("RFC 9207 2.4: iss parameter does not match the provider's issuer");
            }
        } else if (metadata.authorizationResponseIssParameterSupported()) {
            // RFC 9207 2.4: a provider that announces the parameter must send it; its absence suggests a mix-up
            throw new ProviderRejectedException("RFC 9207 2.4: iss parameter is missing although the provider announces it");
        } else if (fapi2()) {
            // FAPI 2.0 5.3.2.2 step 5 (via 5.3.1.2): the client checks iss whatever the provider announces
            throw new ProviderRejectedException("FAPI 2.0 5.3.2.2 / RFC 9207 2.4: the authorization response has no iss "
                    + "parameter");
        }
    }

    /**
     * A fresh DPoP key for one sign-in (RFC 9449), when this client binds its tokens
     * ({@link ClientProtocol#dpop()}): ES256, or PS256 when the provider's {@code dpop_signing_alg_values_supported}
     * lacks ES256.
     *
     * @return the key, or empty when the client does not use DPoP
     * @throws ProviderUnavailableException if discovery fails
     * @throws ProviderRejectedException if the provider supports neither ES256 nor PS256 for DPoP
     */
    public Optional<DpopKey> newDpopKey() throws ProviderUnavailableException, ProviderRejectedException {
        if (!settings.protocol().dpop()) {
            return Optional.empty();
        }
        return Optional.of(DpopKey.generate(metadata().dpopSigningAlgValuesSupported()));
    }

    private boolean fapi2() {
        return settings.protocol().profile() == SecurityProfile.FAPI_2_0;
    }

    /**
     * Exchanges the authorization code for tokens (OIDC Core 3.1.3.1), with the client's authentication
     * method and the PKCE verifier. The returned ID token is not validated yet.
     *
     * @param code the authorization code from the callback
     * @param redirectUri the redirect URI used in the authorization request
     * @param codeVerifier the PKCE code verifier of this attempt
     * @return the token response
     * @throws ProviderUnavailableException on network failure, timeout, an HTTP status other than
     *     200/400/401, or a body that is not JSON
     * @throws ProviderRejectedException if the provider refuses the code (400/401 with an OAuth
     *     error) or the answer lacks a Bearer access token or an ID token
     */
    public TokenResponse exchangeCode(String code, URI redirectUri, String codeVerifier)
            throws ProviderUnavailableException, ProviderRejectedException {
        return exchangeCode(code, redirectUri, codeVerifier, null);
    }

    /**
     * As {@link #exchangeCode(String, URI, String)}, with a DPoP proof by {@code dpopKeyOrNull} (RFC 9449 5): the
     * tokens issued are bound to that key, and the answer must say {@code token_type} {@code DPoP}. A
     * {@code use_dpop_nonce} answer is retried once with the provider's nonce.
     *
     * @param code the authorization code from the callback
     * @param redirectUri the redirect URI used in the authorization request
     * @param codeVerifier the PKCE code verifier of this attempt
     * @param dpopKeyOrNull the session's DPoP key ({@link #newDpopKey()}), or null for bearer tokens
     * @return the token response
     * @throws ProviderUnavailableException as {@link #exchangeCode(String, URI, String)}
     * @throws ProviderRejectedException as {@link #exchangeCode(String, URI, String)}, and when DPoP was used but
     *     the token type is not {@code DPoP}
     */
    public TokenResponse exchangeCode(String code, URI redirectUri, String codeVerifier, DpopKey dpopKeyOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        ProviderMetadata metadata = metadata();
        try {
            return tokenEndpoint.exchange(metadata, code, redirectUri, codeVerifier, dpopKeyOrNull);
        } catch (ProviderUnavailableException e) {
            discovery.endpointFailed();
            throw e;
        }
    }

    /**
     * Validates an ID token as OIDC Core 3.1.3.7 requires: signed (never alg none, never with keys
     * from the token's own header, never typed as another kind of token such as {@code at+jwt} or
     * {@code logout+jwt}), with an allowed algorithm, by a key from {@code jwks_uri} (or,
     * for HS* when explicitly allowed, the client secret); then {@code iss}, {@code aud},
     * {@code azp}, {@code exp}, {@code iat}, {@code sub}, {@code nonce}, and {@code at_hash} when
     * both it and the access token are present (3.1.3.8). An encrypted ID token is decrypted first (step 1), and
     * a plain one refused when {@link TokenProtection#encryptedIdTokens()}; the token returned is the signed one.
     *
     * @param idToken the ID token from the token response
     * @param expectedNonce the nonce sent in the authorization request
     * @param accessTokenOrNull the access token issued with it, to check {@code at_hash}; may be null
     * @return the validated token and its claims
     * @throws ProviderUnavailableException if discovery or the key set cannot be fetched
     * @throws ProviderRejectedException naming the failed step
     */
    public ValidatedIdToken validateIdToken(String idToken, String expectedNonce, String accessTokenOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        return idTokenValidator.validate(metadata(), idToken, expectedNonce, accessTokenOrNull);
    }

    /**
     * OIDC Core 3.1.3.7 step 13, for a sign-in whose authorization request sent {@code max_age}: the validated ID
     * token must carry {@code auth_time}, no older than {@code max_age} seconds (with the clock skew tolerated).
     *
     * @param idToken the ID token, validated by {@link #validateIdToken}
     * @param maxAgeSeconds the {@code max_age} sent
     * @throws ProviderRejectedException when {@code auth_time} is missing, too old or in the future
     */
    public void checkAuthenticationAge(ValidatedIdToken idToken, long maxAgeSeconds) throws ProviderRejectedException {
        authenticationAge.check(Objects.requireNonNull(idToken, "idToken"), maxAgeSeconds);
    }

    /**
     * OIDC Core 3.1.3.7 step 12, for a sign-in whose authorization request sent {@code acr_values}: the validated ID
     * token's {@code acr} must be one of them.
     *
     * @param idToken the ID token, validated by {@link #validateIdToken}
     * @param acrValues the {@code acr_values} sent, space-separated
     * @throws ProviderRejectedException when {@code acr} is missing or none of the values sent
     */
    public void checkAuthenticationContext(ValidatedIdToken idToken, String acrValues)
            throws ProviderRejectedException {
        authenticationContext.check(Objects.requireNonNull(idToken, "idToken"), acrValues);
    }

    /**
     * Uses a refresh token for fresh tokens (OIDC Core 12.1, RFC 6749 6), with the client's authentication
     * method and without a scope parameter, so the scope stays the one originally granted.
     * The answer may lack an ID token (OIDC Core 12.2); if it has one, pass it to
     * {@link #validateRefreshedIdToken} before using anything of it. If the answer has no refresh
     * token, the one used stays valid and must be kept; if it has one, it replaces the one used.
     *
     * @param refreshToken the refresh token from an earlier token response
     * @return the token response; its {@code idToken} and {@code refreshToken} may be null
     * @throws ProviderUnavailableException on network failure, timeout, an HTTP status other than
     *     200/400/401, or a body that is not JSON
     * @throws ProviderRejectedException if the provider refuses the refresh token (400/401 with an
     *     OAuth error, typically {@code invalid_grant}: the session at the provider has ended) or
     *     the answer lacks a Bearer access token
     */
    public TokenResponse refresh(String refreshToken) throws ProviderUnavailableException, ProviderRejectedException {
        return refresh(refreshToken, null);
    }

    /**
     * As {@link #refresh(String)}, with a DPoP proof by the key the session's tokens are bound to (RFC 9449 5):
     * a provider refuses a bound refresh token without it.
     *
     * @param refreshToken the refresh token from an earlier token response
     * @param dpopKeyOrNull the session's DPoP key, or null for bearer tokens
     * @return the token response; its {@code idToken} and {@code refreshToken} may be null
     * @throws ProviderUnavailableException as {@link #refresh(String)}
     * @throws ProviderRejectedException as {@link #refresh(String)}, and when DPoP was used but the token type is
     *     not {@code DPoP}
     */
    public TokenResponse refresh(String refreshToken, DpopKey dpopKeyOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        ProviderMetadata metadata = metadata();
        try {
            return tokenEndpoint.refresh(metadata, refreshToken, dpopKeyOrNull);
        } catch (ProviderUnavailableException e) {
            discovery.endpointFailed();
            throw e;
        }
    }

    /**
     * Validates the ID token of a refresh response (OIDC Core 12.2): every check of
     * {@link #validateIdToken} except the nonce, and in addition {@code iss}, {@code sub},
     * {@code aud} and {@code azp} (or its absence) must be those of the original ID token; a
     * {@code nonce}, which should be absent, must be the original's if present; and
     * {@code auth_time}, if both tokens have it, must be the original's.
     *
     * @param idToken the ID token from the refresh response
     * @param original the validated ID token of the original authentication
     * @param accessTokenOrNull the access token issued with it, to check {@code at_hash}; may be null
     * @return the validated new token and its claims
     * @throws ProviderUnavailableException if discovery or the key set cannot be fetched
     * @throws ProviderRejectedException naming the failed step
     */
    public ValidatedIdToken validateRefreshedIdToken(String idToken, ValidatedIdToken original,
            String accessTokenOrNull) throws ProviderUnavailableException, ProviderRejectedException {
        return idTokenValidator.validateRefreshed(metadata(), idToken, original, accessTokenOrNull);
    }

    /**
     * Validates a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 section 2.6), as
     * received in the {@code logout_token} parameter of the provider's POST to the back-channel
     * logout URI: signed (never alg none) with an algorithm and a key accepted for ID tokens, no keys
     * in the header, {@code typ} absent or {@code logout+jwt} (any other value marks another kind of
     * token); {@code iss} exactly the issuer, {@code aud} containing the client id, {@code iat}
     * neither in the future nor older than ten minutes, {@code exp} present and not passed,
     * {@code jti} present, {@code sub} or {@code sid} present, {@code events} holding the
     * back-channel logout event object, no {@code nonce}; and a {@code jti} not received before from
     * this issuer (step 8), remembered by the {@link ReplayGuard} for as long as the token could be
     * accepted.
     *
     * <p>On success, end the sessions the token names and answer 200 OK; on either exception, the
     * logout failed and the answer is 400 Bad Request (section 2.8).
     *
     * @param logoutToken the logout token
     * @return what to log out
     * @throws ProviderUnavailableException if discovery or the key set cannot be fetched
     * @throws ProviderRejectedException naming the failed step
     */
    public LogoutToken validateLogoutToken(String logoutToken)
            throws ProviderUnavailableException, ProviderRejectedException {
        return validateLogoutToken(logoutToken, token -> { });
    }

    /**
     * As {@link #validateLogoutToken(String)}, recording the logout after steps 1 to 7 and before the
     * replay check spends the {@code jti} (step 8): when {@code recordLogout} throws, the exception
     * propagates and the token stays unspent, so the provider's retry is accepted rather than refused
     * as a replay. A replay is recorded again (the same logout, harmless) and then refused.
     *
     * @param logoutToken the logout token
     * @param recordLogout records what the token ends; may throw an unchecked exception
     * @return what was logged out
     * @throws ProviderUnavailableException if discovery or the key set cannot be fetched
     * @throws ProviderRejectedException naming the failed step
     */
    public LogoutToken validateLogoutToken(String logoutToken, Consumer<LogoutToken> recordLogout)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(recordLogout, "recordLogout");
        return logoutTokenValidator.validate(metadata(), logoutToken, recordLogout);
    }

    /**
     * Fetches the claims of the UserInfo endpoint (OIDC Core 5.3) with the access token, after the ID token has
     * been validated. The response's {@code sub} must equal the ID token's (5.3.2), or nothing of it is used.
     * A signed answer ({@code application/jwt}) is verified with the ID token's algorithms and keys, then its
     * {@code iss} and {@code aud}; an encrypted one is decrypted first ({@link TokenProtection}).
     *
     * @param accessToken the access token from the token response
     * @param expectedSubject the {@code sub} of the validated ID token
     * @return the userinfo claims, or an empty map when the provider has no {@code userinfo_endpoint}
     * @throws ProviderUnavailableException on network failure, timeout, a 5xx or a body that is not JSON
     * @throws ProviderRejectedException if the token is refused or the {@code sub} differs
     */
    public Map<String, Object> fetchUserInfo(String accessToken, String expectedSubject)
            throws ProviderUnavailableException, ProviderRejectedException {
        return fetchUserInfo(accessToken, expectedSubject, null);
    }

    /**
     * As {@link #fetchUserInfo(String, String)}, presenting a DPoP-bound access token as {@code Authorization:
     * DPoP} with a proof by its key (RFC 9449 7.1); a {@code use_dpop_nonce} answer is retried once with the nonce.
     *
     * @param accessToken the access token from the token response
     * @param expectedSubject the {@code sub} of the validated ID token
     * @param dpopKeyOrNull the key the access token is bound to, or null for a bearer token
     * @return the userinfo claims, or an empty map when the provider has no {@code userinfo_endpoint}
     * @throws ProviderUnavailableException as {@link #fetchUserInfo(String, String)}
     * @throws ProviderRejectedException as {@link #fetchUserInfo(String, String)}
     */
    public Map<String, Object> fetchUserInfo(String accessToken, String expectedSubject, DpopKey dpopKeyOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expectedSubject, "expectedSubject");
        ProviderMetadata metadata = metadata();
        URI endpoint = metadata.userinfoEndpoint();
        ClientAuthenticationMethod method = settings.protocol().authenticationMethod();
        if (endpoint != null && method != null && method.usesCertificate()) {
            // RFC 8705 5: certificate-bound tokens go to the mTLS alias, where the provider sees the certificate
            endpoint = metadata.mtlsAlias("userinfo_endpoint", endpoint);
        }
        if (endpoint == null) {
            return Map.of();
        }
        try {
            return userInfoEndpoint.fetch(endpoint, accessToken, expectedSubject, dpopKeyOrNull, metadata);
        } catch (ProviderUnavailableException e) {
            discovery.endpointFailed();
            throw e;
        }
    }

    /**
     * The provider's logout URL (OpenID Connect RP-Initiated Logout 1.0 section 2) with
     * {@code id_token_hint}, {@code client_id}, and {@code post_logout_redirect_uri} and
     * {@code state} when given.
     *
     * @param idTokenHint the ID token of the session; may be null if it is no longer known
     * @param postLogoutRedirectUriOrNull where the provider should send the browser afterwards, or null
     * @param stateOrNull opaque value to get back at the post-logout redirect URI, or null
     * @return the URL, or empty if the provider advertises no {@code end_session_endpoint}
     * @throws ProviderUnavailableException if discovery fails
     * @throws ProviderRejectedException if the discovery document is invalid
     */
    public Optional<URI> endSessionRedirect(String idTokenHint, URI postLogoutRedirectUriOrNull, String stateOrNull)
            throws ProviderUnavailableException, ProviderRejectedException {
        URI endpoint = metadata().endSessionEndpoint();
        if (endpoint == null) {
            return Optional.empty();
        }
        // RP-Initiated Logout 2: client_id lets the provider check post_logout_redirect_uri even without a hint,
        // which is left out over plain http (see EndSessionRequest)
        return Optional.of(EndSessionRequest.of(endpoint, idTokenHint, settings.clientId(),
                postLogoutRedirectUriOrNull, stateOrNull).asQueryUrl());
    }

    /**
     * Revokes a signed-out session's tokens at the provider's {@code revocation_endpoint} (RFC 7009), authenticated
     * as at the token endpoint. Never throws for the provider's sake and is bounded by the timeouts: a logout must
     * not fail or wait longer because revocation does.
     *
     * @param refreshTokenOrNull the refresh token, or null
     * @param accessTokenOrNull the access token, or null
     * @param dpopKeyOrNull the DPoP key the tokens are bound to (a proof of it goes with each request), or null
     * @return what became of them; {@link RevocationOutcome#NOT_OFFERED} when the provider lists no endpoint
     */
    public RevocationOutcome revokeTokens(String refreshTokenOrNull, String accessTokenOrNull,
            DpopKey dpopKeyOrNull) {
        ProviderMetadata metadata;
        try {
            metadata = metadata();
        } catch (ProviderUnavailableException | ProviderRejectedException unavailable) {
            return new RevocationOutcome(true, false, "not revoked, discovery failed: " + unavailable.getMessage());
        }
        return tokenRevocation.revoke(metadata, refreshTokenOrNull, accessTokenOrNull, dpopKeyOrNull);
    }

    /** The shared HTTP client, configuration and keys of this provider's issuer. */
    ProviderConnection connection() {
        return connection;
    }

    /** Names the issuer and client; never the secret. */
    @Override
    public String toString() {
        return "OpenIdProvider[issuer=" + settings.issuer() + ", clientId=" + settings.clientId() + "]";
    }
}
