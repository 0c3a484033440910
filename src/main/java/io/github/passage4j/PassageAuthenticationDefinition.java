package io.github.passage4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Enables "Sign in with Passage" for the web application: put it on any CDI bean class of the deployment.
 *
 * <p>A CDI extension reads this annotation and registers an
 * {@link jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism HttpAuthenticationMechanism}
 * that runs the OpenID Connect authorization-code flow (PKCE, state, nonce, {@code client_secret_basic}, full ID token
 * validation) against the configured issuer, then makes the caller a {@link PassageProfile}.
 *
 * <p><b>Configuration.</b> Every attribute can be overridden through MicroProfile Config, where present, with the key
 * {@code passage.<kebab-case-name>}, for example {@code passage.issuer}, {@code passage.client-id} and
 * {@code passage.client-secret}; so environment variables such as {@code PASSAGE_CLIENT_SECRET} work. Configuration
 * wins over the annotation. Without MicroProfile Config, Java system properties and environment variables are read
 * with the same keys. String attributes also accept {@code ${...}} expressions of the Jakarta Expression Language,
 * as Jakarta Security's own annotations do. A missing or malformed required value fails the deployment with a
 * message naming the attribute and its configuration key.
 *
 * <p>Secrets never belong in source: give {@link #clientSecret()} through configuration.
 *
 * <p><b>Several providers.</b> The annotation is repeatable: each further definition has a {@link #name()} and is a
 * provider of its own, configured with the keys {@code passage.<name>.<kebab-case-name>} (environment variables such
 * as {@code PASSAGE_<NAME>_ISSUER}), with its callback at {@value #DEFAULT_CALLBACK_PATH}{@code /<name>} and its
 * back-channel logout at {@value #BACKCHANNEL_LOGOUT_PATH}{@code /<name>}. The unnamed definition is the default;
 * without one, the definition whose name sorts first is. An anonymous request for a protected page signs in with the
 * default; {@code GET }{@value #SIGN_IN_PATH}{@code /<name>?return=<path>} signs in with the named one. A signed-in
 * session, and a bearer token (by its {@code iss}), is served by the definition it came from.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(PassageAuthenticationDefinition.List.class)
public @interface PassageAuthenticationDefinition {

    /**
     * Optional. The name of this definition when the app has several providers: lower-case letters, digits and
     * {@code -}, unique among the app's definitions. Empty means the default definition, configured with the
     * {@code passage.*} keys and using the default paths; a named definition {@code x} is configured with
     * {@code passage.x.*} keys and its default paths end in {@code /x}.
     *
     * @return the definition's name; default empty (the default definition)
     */
    String name() default "";

    /**
     * Required (here or as {@code passage.issuer}). The issuer of the OpenID provider, for Passage
     * {@code https://<subdomain>.withpassage.com} or the app's custom domain. The discovery document is read from
     * {@code <issuer>/.well-known/openid-configuration}; a trailing {@code /} is tolerated. Must be {@code https:},
     * except for a loopback host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) used in development.
     *
     * @return the issuer URL; default none
     */
    String issuer() default "";

    /**
     * Required (here or as {@code passage.client-id}). The OAuth client id of the app.
     *
     * @return the client id; default none
     */
    String clientId() default "";

    /**
     * As {@code passage.client-secret} (environment variable {@code PASSAGE_CLIENT_SECRET}); required unless the
     * client authenticates with {@link #clientKey()}, {@link #clientKeyStore()} or a client certificate. The client
     * secret, for the {@code client_secret_*} methods of {@link #tokenEndpointAuthMethod()}. Expected from
     * configuration or an expression, never as a literal in source.
     *
     * @return the client secret; default none
     */
    String clientSecret() default "";

    /**
     * Optional ({@code passage.scope}, comma separated in configuration). The scopes requested; {@code openid} is
     * always sent. {@code email} adds {@code email} and {@code email_verified}; {@code phone} adds the phone number
     * and {@code phone_number_verified}.
     *
     * @return the scopes; default {@code {"openid", "email", "phone"}}
     */
    String[] scope() default {"openid", "email", "phone"};

    /**
     * Optional ({@code passage.extra-parameters}, in configuration one query string:
     * {@code prompt=consent&ui_locales=de}, values percent-encoded where needed). Further authorization request
     * parameters (OIDC Core 3.1.2.1) sent with every sign-in of this definition, each as {@code name=value}, e.g.
     * {@code {"prompt=consent", "ui_locales=de"}}; sent in the query, the pushed request and the signed request
     * object alike. A sign-in request's own ({@link #SIGN_IN_PATH}{@code ?prompt=login}, {@link PassageSignIn})
     * override these name by name. Refused at deployment: a parameter the library sets itself ({@code response_type},
     * {@code client_id}, {@code redirect_uri}, {@code scope} (see {@link #scope()}), {@code state}, {@code nonce},
     * {@code code_challenge}, {@code code_challenge_method}, {@code request}, {@code request_uri}, {@code dpop_jkt},
     * {@code response_mode}, {@code registration}, {@code claims}), an invalid {@code prompt} / {@code max_age} /
     * {@code display}, a control character, a value over 512 characters, more than 16 parameters.
     *
     * @return the parameters as {@code name=value}; default none
     */
    String[] extraParameters() default {};

    /**
     * Optional ({@code passage.step-up}; in configuration the entries separated by commas). What the app's resources
     * require of the caller's authentication, each entry a {@code web.xml} URL pattern with the requirement as
     * authorization parameters: {@code "/admin/*?acr_values=urn:example:mfa"} (the ID token's {@code acr} must be one
     * of these space-separated values, OIDC Core 2), {@code "/transfer?max_age=300"} (the user authenticated at most
     * 300 s ago, by {@code auth_time}), or both. Patterns match as security constraints do: the best match applies
     * (exact path, longest {@code /prefix/*}, {@code *.extension}, {@code /}), on the decoded path the container
     * mapped. A caller who falls short is sent to sign in again with those {@code acr_values} and {@code max_age} and
     * returns to the page, keeping the session when the provider answers for the same {@code sub}; the sign-in only
     * succeeds when the new ID token meets them (OIDC Core 3.1.3.7 steps 12 and 13). An API call, and any bearer or
     * DPoP caller, gets 401 with RFC 9470's {@code error="insufficient_user_authentication"} and the
     * {@code acr_values} / {@code max_age} to obtain in {@code WWW-Authenticate}; the access token's {@code acr} and
     * {@code auth_time} (RFC 9068 2.2.1) are what is checked for those. An anonymous caller of such a resource is sent
     * to sign in with the requirement even without a security constraint. Refused at deployment: no URL pattern, a
     * parameter other than {@code acr_values} and {@code max_age}, a pattern given twice.
     *
     * @return the requirements; default none
     */
    String[] stepUp() default {};

    /**
     * Optional ({@code passage.userinfo}). {@code auto}: after sign-in, the userinfo endpoint's claims (OIDC Core
     * 5.3) add to the ID token's when discovery names a {@code userinfo_endpoint}. {@code skip}: the userinfo
     * endpoint is never called and the caller's claims are the ID token's only (for providers without a working
     * userinfo endpoint, such as Apple, or to save a call per sign-in). {@code signed}: as {@code auto}, and the
     * answer must be a JWT signed by the provider ({@code application/jwt}, OIDC Core 5.3.2; the client registered
     * {@code userinfo_signed_response_alg}): plain JSON is refused. With {@code auto} a signed answer is verified too
     * (signature with the ID token's algorithm and keys, {@code iss}, {@code aud}, then {@code sub}) and a JSON one
     * accepted.
     *
     * @return {@code auto}, {@code skip} or {@code signed}; default {@code auto}
     */
    String userinfo() default "auto";

    /**
     * Optional ({@code passage.response-mode}). How the provider returns the sign-in response to the callback.
     * {@code query}: in the callback URL, the code flow's default (no {@code response_mode} is sent).
     * {@code form_post} (OAuth 2.0 Form Post Response Mode): as a form the browser posts to the callback, so code
     * and state stay out of URLs; Apple and Microsoft Entra ID ask for it. The callback then accepts only that POST,
     * and the attempt is bound to the browser by a {@code SameSite=None; Secure} cookie limited to the callback
     * path, since a cross-site POST carries no {@code SameSite=Lax} cookie. Refused: any other value (the JARM
     * modes {@code jwt}, {@code query.jwt}, {@code form_post.jwt} are not supported; {@code fragment} never
     * reaches a server), and, at the first sign-in, {@code form_post} with a provider whose
     * {@code response_modes_supported} is listed without it.
     *
     * @return {@code query} or {@code form_post}; default {@code query}
     */
    String responseMode() default "query";

    /**
     * Optional ({@code passage.redirect-uri}). Where the provider sends the browser back. Default: the app's base URL
     * (scheme, host, port and context root of the request) plus {@value #DEFAULT_CALLBACK_PATH}. A path is taken
     * relative to the app's base URL; an absolute value wins as given (for apps behind a proxy). Register the
     * resulting URL with the provider.
     *
     * @return the redirect URI; default the app's base URL plus {@value #DEFAULT_CALLBACK_PATH}
     */
    String redirectURI() default DEFAULT_CALLBACK_PATH;

    /**
     * Optional ({@code passage.redirect-to-original-resource}). After sign-in, whether the browser returns to the
     * page it first asked for (always a path of this app). When false it goes to the app root.
     *
     * @return whether to return to the original resource; default {@code true}
     */
    boolean redirectToOriginalResource() default true;

    /**
     * Optional ({@code passage.caller-name-claim}). The ID token claim that becomes the caller name
     * ({@link PassageProfile#getName()}).
     *
     * @return the claim name; default {@code sub}
     */
    String callerNameClaim() default "sub";

    /**
     * Optional ({@code passage.caller-groups-claim}). The ID token claim whose values (a string or an array of
     * strings; a dotted path such as {@code realm_access.roles} reaches into objects) become the caller's groups,
     * and so the roles of {@code @RolesAllowed} and {@code isCallerInRole}. Empty means no groups from a claim. In
     * either case the groups of the application's own
     * {@link jakarta.security.enterprise.identitystore.IdentityStore IdentityStore} beans that provide groups
     * ({@code PROVIDE_GROUPS}) are added, as Jakarta Security adds them for its own mechanisms.
     *
     * @return the claim name; default none
     */
    String callerGroupsClaim() default "";

    /**
     * Optional ({@code passage.logout-path}). A path of this app that signs the caller out: the local session ends,
     * then the browser goes to the provider's end-session endpoint ({@link #endSessionEndpoint()}, else the one
     * discovery lists) with {@code id_token_hint}, {@code client_id}, {@code post_logout_redirect_uri} and a random
     * {@code state}; without one, straight to {@link #postLogoutRedirectURI()}.
     *
     * @return the logout path; default {@value #DEFAULT_LOGOUT_PATH}
     */
    String logoutPath() default DEFAULT_LOGOUT_PATH;

    /**
     * Optional ({@code passage.post-logout-redirect-uri}). Where the browser lands after logout; a path is taken
     * relative to the app's base URL.
     *
     * @return the post-logout URI; default the app root
     */
    String postLogoutRedirectURI() default "/";

    /**
     * Optional ({@code passage.connect-timeout}, milliseconds). Connect timeout of every call to the provider.
     *
     * @return milliseconds; default 3000
     */
    int connectTimeout() default 3000;

    /**
     * Optional ({@code passage.read-timeout}, milliseconds). Bound on every whole call to the provider, response
     * body included.
     *
     * @return milliseconds; default 5000
     */
    int readTimeout() default 5000;

    /**
     * Optional ({@code passage.clock-skew}, seconds). Tolerated clock difference when checking {@code exp} and
     * {@code iat}.
     *
     * @return seconds; default 60
     */
    int clockSkew() default 60;

    /**
     * Optional ({@code passage.end-session-endpoint}). The provider's end-session endpoint (RP-Initiated Logout 1.0)
     * to send the browser to after the local logout, for a provider whose discovery document lists none; for Passage
     * that is {@code <issuer>/logout}. Must be {@code https:}, except for a loopback host. Empty means: the
     * {@code end_session_endpoint} of discovery, if any.
     *
     * @return the end-session endpoint URL; default none (from discovery)
     */
    String endSessionEndpoint() default "";

    /**
     * Optional ({@code passage.end-session-method}). How the browser carries the end-session request to the
     * provider (RP-Initiated Logout 1.0 section 2 allows both): {@code post}, an auto-submitted form, which keeps the
     * ID token out of URLs; or {@code get}, a redirect with the parameters in the query, for providers that answer a
     * POST with an error or ignore a posted {@code post_logout_redirect_uri}. With {@code get} the ID token given as
     * {@code id_token_hint} appears in the URL, and so in the browser's history and the provider's access logs.
     * Either way the hint is left out when the end-session endpoint is plain http to a host that is not a loopback
     * one; {@code client_id} is always sent. Any other value fails the deployment.
     *
     * @return {@code post} or {@code get}; default {@code post}
     */
    String endSessionMethod() default "post";

    /**
     * Optional ({@code passage.revoke-tokens-on-logout}). Whether a logout here revokes the session's refresh token
     * and access token at the provider's {@code revocation_endpoint} (RFC 7009), when its discovery document lists
     * one, authenticated as at the token endpoint. The local session has ended before; a slow or failing provider
     * delays the browser at most by the configured timeouts and never keeps anyone signed in. Not done for a
     * back-channel logout, where the provider ended the session itself.
     *
     * @return whether to revoke at logout; default {@code true}
     */
    boolean revokeTokensOnLogout() default true;

    /**
     * Optional ({@code passage.token-min-validity}, seconds). When the signed-in caller's access token expires within
     * this many seconds and a refresh token is at hand, the tokens are refreshed before the request is served
     * (OIDC Core 12), once per session however many requests arrive together.
     *
     * @return seconds; default 10
     */
    int tokenMinValidity() default 10;

    /**
     * Optional ({@code passage.end-session-at-token-expiry}). Whether the signed-in session ends when its tokens
     * expire and cannot be refreshed (no refresh token, or the refresh failed): at the access token's expiry, else
     * the ID token's. After that the caller is signed out, and a protected page starts a new sign-in. When false, the
     * session lasts as long as the container's HTTP session, with the expired tokens.
     *
     * @return whether the session ends at token expiry; default {@code true}
     */
    boolean endSessionAtTokenExpiry() default true;

    /**
     * Optional ({@code passage.app-id}). The Passage app id. When set, Passage element tokens (the JWTs Passage's
     * login elements keep in the {@code psg_auth_token} cookie) are accepted, from that cookie or as
     * {@code Authorization: Bearer} tokens, for requests without a signed-in session.
     *
     * @return the app id; default none (element tokens are not accepted)
     */
    String appId() default "";

    /**
     * Optional ({@code passage.bearer-audiences}, comma separated in configuration). The audiences a bearer token
     * ({@code Authorization: Bearer}: a JWT access token of the issuer, or a Passage element token) must name one of
     * in its {@code aud} claim. The client id is also the audience of the provider's ID tokens, so a bearer token
     * that looks like one is refused unless typed {@code at+jwt} (RFC 8725 3.11): one carrying {@code at_hash} or
     * {@code c_hash}, {@code nonce} without {@code scope}, {@code auth_time} without {@code scope} or
     * {@code client_id}, or the client id as its only audience without {@code scope}; a logout token
     * ({@code events}) is never accepted. Name the API's own audience here when the provider issues one.
     *
     * @return the accepted audiences; default: the client id, and the {@link #appId()} when set
     */
    String[] bearerAudiences() default {};

    /**
     * Optional ({@code passage.id-token-signing-alg}). The JWS algorithm the client is registered with at the
     * provider ({@code id_token_signed_response_alg}): the only one accepted for ID tokens, refreshed ID tokens and
     * back-channel logout tokens (OIDC Core 3.1.3.7 step 7, Back-Channel Logout 1.0 2.6 step 3), even when the
     * provider publishes keys for others. One of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, or
     * HS256, HS384, HS512 (keyed with the client secret); anything else fails the deployment.
     *
     * @return the algorithm; default {@code RS256}, what Passage signs with
     */
    String idTokenSigningAlg() default "RS256";

    /**
     * Optional ({@code passage.access-token-signing-algs}, comma separated in configuration). The JWS algorithms
     * accepted for bearer access tokens of the issuer (RFC 9068 4 step 5, RFC 8725 3.1): RS256, RS384, RS512, PS256,
     * PS384, PS512, ES256, ES384 or ES512 (no HMAC: access tokens are verified with the issuer's published keys);
     * anything else fails the deployment. Passage element tokens ({@link #appId()}) are always RS256.
     *
     * @return the algorithms; default {@code RS256}
     */
    String[] accessTokenSigningAlgs() default {"RS256"};

    /**
     * Optional ({@code passage.stateless}, one setting for all definitions of the app). When true, no
     * {@code HttpSession} is used at all: a pending sign-in is kept in a short-lived cookie and the signed-in session
     * in a session cookie, both encrypted and authenticated with {@link #cookieEncryptionKeys()} (JWE {@code dir} /
     * {@code A256GCM}), so any node holding the keys serves any request without sticky routing or session
     * replication. When false, the container's HTTP session is used, which replicates in a {@code <distributable/>}
     * app.
     *
     * @return whether to keep the session in encrypted cookies; default {@code false} (the HTTP session)
     */
    boolean stateless() default false;

    /**
     * Required when {@link #stateless()} ({@code passage.cookie-encryption-keys}, environment variable
     * {@code PASSAGE_COOKIE_ENCRYPTION_KEYS}; one setting for all definitions). Comma-separated AES-256 keys, each 32
     * random bytes in base64 or base64url (e.g. {@code openssl rand -base64 32}). The first key encrypts; every key
     * decrypts, so a new key is put first and an old one is kept until the cookies it encrypted have expired
     * ({@link #sessionMaxAge()}). A secret: give it as configuration, never in source.
     *
     * @return the keys; default none
     */
    String cookieEncryptionKeys() default "";

    /**
     * Optional ({@code passage.ended-sessions-cache}; one setting for all definitions). Where the sessions ended by a
     * logout are listed, so that a logout received by one node ends the session on every node. Empty: in this JVM
     * only (one node). A value starting with {@code java:}: the JNDI name of a shared
     * {@code java.util.concurrent.ConcurrentMap}, such as an Infinispan cache of WildFly
     * ({@code java:jboss/infinispan/cache/passage/ended-sessions}). Any other value: the name of a JCache
     * ({@code javax.cache}) cache of the server's caching provider, such as Payara's Hazelcast; it is created with an
     * expiry of {@link #sessionMaxAge()} when it does not exist.
     *
     * @return the cache; default none (this JVM only)
     */
    String endedSessionsCache() default "";

    /**
     * Optional ({@code passage.ended-sessions-cache-timeout}, milliseconds; one setting for all definitions). The
     * longest one read or write of the shared {@link #endedSessionsCache()} may take. A cache that does not answer
     * in time is treated as unreachable: the request is answered 503 Service Unavailable, never served as if no
     * logout had happened. Unused without a shared cache.
     *
     * @return milliseconds; default 2000
     */
    int endedSessionsCacheTimeout() default 2000;

    /**
     * Optional ({@code passage.session-max-age}, seconds; one setting for all definitions). The longest a sign-in
     * lasts, refreshed or not: after it the caller signs in again. It is the lifetime of the encrypted session cookie
     * in {@link #stateless()} mode, and how long an ended session is remembered.
     *
     * @return seconds; default 43200 (12 hours)
     */
    int sessionMaxAge() default 43200;

    /**
     * Optional ({@code passage.base-url}; one setting for all definitions). The app's URL as browsers see it, such as
     * {@code https://app.example.com} or, with the context path, {@code https://app.example.com/shop}: an absolute
     * {@code https} URL (plain {@code http} only for a loopback host) without query or fragment. Set it when the app
     * runs behind a proxy that terminates TLS or rewrites the host: the redirect URI, the post-logout redirect and
     * the pages returned to after sign-in are made from it, and when it is {@code https} every cookie of Passage4J is
     * {@code Secure} with a {@code __Host-} name (and so {@code Path=/}), as is the container's session cookie, even
     * though the requests reach the server over plain http. Without a path, the app's context path is appended.
     *
     * @return the app's external URL; default none: taken from each request (cookies are then {@code Secure} and
     *         {@code __Host-} only for a request that came over https)
     */
    String baseUrl() default "";

    /**
     * Optional ({@code passage.token-endpoint-auth-method}). How the app authenticates at the provider's token, PAR
     * and revocation endpoints: {@code client_secret_basic}, {@code client_secret_post}, {@code client_secret_jwt},
     * {@code private_key_jwt}, {@code tls_client_auth} or {@code self_signed_tls_client_auth}. Empty: chosen from the
     * provider's {@code token_endpoint_auth_methods_supported} and the credentials configured
     * ({@code private_key_jwt} with a client key, else {@code client_secret_basic} with a secret unless the provider
     * lists only other secret methods). Mutual TLS is used only when named here.
     *
     * @return the method's registered name; default empty (chosen)
     */
    String tokenEndpointAuthMethod() default "";

    /**
     * Optional ({@code passage.client-key}). The app's private signing key for {@code private_key_jwt} and signed
     * request objects, as a private JWK (JSON) or PEM ({@code PRIVATE KEY}, PKCS#8; an EC key with its
     * {@code PUBLIC KEY} or {@code CERTIFICATE} block). RSA (2048 bits or more) or EC P-256. Configuration only: a key
     * written in source is refused. Its public half is published at {@link #JWKS_PATH}.
     *
     * @return the key; default none
     */
    String clientKey() default "";

    /**
     * Optional ({@code passage.client-key-store}). A PKCS#12 keystore file holding the app's key and certificate:
     * the key signs as {@link #clientKey()} does, and the certificate authenticates the app's connections to the
     * provider for {@code tls_client_auth} and {@code self_signed_tls_client_auth} (RFC 8705).
     *
     * @return the keystore's path; default none
     */
    String clientKeyStore() default "";

    /**
     * Required with {@link #clientKeyStore()}, as configuration ({@code passage.client-key-store-password}). The
     * password of the keystore and of its key entry.
     *
     * @return the password; default none
     */
    String clientKeyStorePassword() default "";

    /**
     * Optional ({@code passage.client-key-alias}). The keystore entry to use; needed only when the keystore holds
     * several keys.
     *
     * @return the alias; default the keystore's only key entry
     */
    String clientKeyAlias() default "";

    /**
     * Optional ({@code passage.decryption-key}). The app's private key that the provider encrypts ID tokens and
     * userinfo responses to (OIDC Core 10.2), as a private JWK (JSON) or PEM, read as {@link #clientKey()} is: RSA
     * (2048 bits or more) for {@code RSA-OAEP-256}, or EC P-256/P-384/P-521 for {@code ECDH-ES} or
     * {@code ECDH-ES+A256KW}. Its public half is published at {@link #JWKS_PATH} with {@code use: enc} and its own
     * {@code kid} (its JWK {@code kid}, else {@code enc-} and its thumbprint). Configuration only. Use a key of its
     * own, not the signing key.
     *
     * @return the key; default none
     */
    String decryptionKey() default "";

    /**
     * Optional ({@code passage.decryption-key-alias}). The entry of {@link #clientKeyStore()} (opened with
     * {@link #clientKeyStorePassword()}) that holds the decryption key; instead of {@link #decryptionKey()}.
     *
     * @return the alias; default none
     */
    String decryptionKeyAlias() default "";

    /**
     * Optional ({@code passage.token-encryption-alg}). The JWE {@code alg} the provider encrypts with, as the client
     * registered it ({@code id_token_encrypted_response_alg}, {@code userinfo_encrypted_response_alg}):
     * {@code RSA-OAEP-256} (RSA key), {@code ECDH-ES} or {@code ECDH-ES+A256KW} (EC key). The {@code enc} is always
     * {@code A256GCM}. A JWE with another {@code alg} or {@code enc} is refused.
     *
     * @return the algorithm; default {@code RSA-OAEP-256} for an RSA key, {@code ECDH-ES} for an EC key
     */
    String tokenEncryptionAlg() default "";

    /**
     * Optional ({@code passage.id-token-encrypted}). Whether the client registered encrypted ID tokens: then every
     * ID token (after sign-in and refresh) must be a JWE to the {@link #decryptionKey()} wrapping the signed ID token,
     * and a plain signed one is refused (OIDC Core 3.1.3.7 step 1). Without it, an encrypted ID token is still
     * decrypted when a decryption key is configured.
     *
     * @return whether ID tokens must be encrypted; default {@code false}
     */
    boolean idTokenEncrypted() default false;

    /**
     * Optional ({@code passage.userinfo-encrypted}). Whether the client registered encrypted userinfo responses
     * ({@code userinfo_encrypted_response_alg}): then an unencrypted answer is refused (OIDC Core 5.3.2).
     *
     * @return whether userinfo responses must be encrypted; default {@code false}
     */
    boolean userinfoEncrypted() default false;

    /**
     * Optional ({@code passage.provider-trust-store}). A PKCS#12 file of trusted certificates that the provider's
     * TLS certificate must chain to, in place of the JVM's default trust store: for a provider whose certificate is
     * from a private CA, as is common with mutual TLS (RFC 8705), without changing the trust of the whole server.
     * It applies to every call to the provider (discovery, key set, token, PAR, UserInfo, the
     * {@code mtls_endpoint_aliases}) and only to this definition's provider.
     *
     * @return the trust store's path; default none: the JVM's default trust store
     */
    String providerTrustStore() default "";

    /**
     * Required with {@link #providerTrustStore()}, as configuration
     * ({@code passage.provider-trust-store-password}). The password that guards the trust store's integrity.
     *
     * @return the password; default none
     */
    String providerTrustStorePassword() default "";

    /**
     * Optional ({@code passage.token-endpoint-auth-signing-alg}). The algorithm the client key signs with:
     * {@code RS256} or {@code PS256} for an RSA key, {@code ES256} for a P-256 key.
     *
     * @return the algorithm; default {@code RS256} for RSA ({@code PS256} under FAPI 2.0), {@code ES256} for EC
     */
    String tokenEndpointAuthSigningAlg() default "";

    /**
     * Optional ({@code passage.client-assertion-audience}). The {@code aud} of the client assertions of
     * {@code private_key_jwt} and {@code client_secret_jwt}: {@code issuer}, the provider's issuer identifier, as
     * FAPI 2.0 requires and RFC 7523 3 allows; or {@code endpoint}, the URL of the endpoint called, for a provider
     * that accepts only that (refused under FAPI 2.0).
     *
     * @return {@code issuer} or {@code endpoint}; default {@code issuer}
     */
    String clientAssertionAudience() default "issuer";

    /**
     * Optional ({@code passage.pushed-authorization-requests}). Whether every authorization request is pushed to the
     * provider's {@code pushed_authorization_request_endpoint} (RFC 9126), the browser carrying only
     * {@code client_id} and {@code request_uri}. When false, requests are still pushed if the provider says
     * {@code require_pushed_authorization_requests}.
     *
     * @return whether to push; default {@code false}
     */
    boolean pushedAuthorizationRequests() default false;

    /**
     * Optional ({@code passage.dpop}). Whether access and refresh tokens are bound to a key of the session with
     * DPoP (RFC 9449): proofs at the token and userinfo endpoints, {@code dpop_jkt} in the authorization request.
     *
     * @return whether to use DPoP; default {@code false}
     */
    boolean dpop() default false;

    /**
     * Optional ({@code passage.signed-request-objects}). Whether the authorization request is sent as a request
     * object signed with the client key (RFC 9101).
     *
     * @return whether to sign requests; default {@code false}
     */
    boolean signedRequestObjects() default false;

    /**
     * Optional ({@code passage.security-profile}). {@code openid-connect}, or {@code fapi-2.0} for the FAPI 2.0
     * Security Profile: PAR, PKCE S256, {@code private_key_jwt} or mutual TLS, DPoP, the RFC 9207 {@code iss}
     * required, PS256/ES256 only. A deployment that cannot meet the profile fails naming what is missing.
     *
     * @return the profile; default {@code openid-connect}
     */
    String securityProfile() default "openid-connect";

    /** The callback path used when {@link #redirectURI()} is not set. */
    String DEFAULT_CALLBACK_PATH = "/passage/callback";

    /**
     * The path of the app where it publishes the public half of its client key as a JWK Set (RFC 7517), for the
     * provider to register by URL ({@code jwks_uri} of the client); it needs no session and no security constraint.
     */
    String JWKS_PATH = "/passage/jwks";

    /** The logout path used when {@link #logoutPath()} is not set. */
    String DEFAULT_LOGOUT_PATH = "/passage/logout";

    /**
     * The path of the app where the provider POSTs back-channel logout tokens (OpenID Connect Back-Channel Logout
     * 1.0); register {@code <your app's base URL>} plus this path as the client's back-channel logout URI. It needs no
     * session and no security constraint.
     */
    String BACKCHANNEL_LOGOUT_PATH = "/passage/backchannel-logout";

    /**
     * The path of the app that starts a sign-in: {@code GET} it for the default definition, or it plus
     * {@code /<name>} for a named one; the optional {@code return} query parameter, a path of this app (context path
     * included), is where the browser goes after the sign-in; anything else goes to the app root.
     */
    String SIGN_IN_PATH = "/passage/signin";

    /**
     * Holds several {@link PassageAuthenticationDefinition}s on one bean; the compiler writes it when the annotation
     * is repeated, so it is rarely written by hand.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {

        /**
         * The definitions; at most one without a name.
         *
         * @return the definitions
         */
        PassageAuthenticationDefinition[] value();
    }
}
