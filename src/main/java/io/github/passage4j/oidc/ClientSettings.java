package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of one relying party (this application, registered as one client at one OpenID
 * provider). Immutable; validated when built.
 *
 * <p>{@link #toString()} never reveals the client secret. The constructor throws
 * {@link NullPointerException} if issuer or clientId is null and
 * {@link IllegalArgumentException}, naming the setting, if a value is invalid or a credential the chosen client
 * authentication needs is missing.
 *
 * @param issuer the provider's issuer identifier as configured; may end with {@code "/"}. Must be
 *     absolute, without query or fragment, and use {@code https} unless its host is a loopback
 *     address as {@link UriRules#isLoopback} defines it ({@code localhost}, {@code 127.x.y.z} in four decimal
 *     octets, {@code [::1]})
 * @param clientId the client identifier registered at the provider; not blank
 * @param clientSecret the client secret, for the {@code client_secret_*} methods and HMAC-signed ID tokens; not
 *     empty; null only when the client authenticates with a key or a certificate
 * @param scope the requested scope values; must contain {@code openid}; {@code null} or empty means
 *     just {@code openid}
 * @param connectTimeout bound on establishing a connection to the provider; {@code null} means 5 s
 * @param readTimeout bound on every call to the provider, for the whole exchange including the
 *     response body; {@code null} means 10 s
 * @param clockSkew tolerated difference between the provider's clock and ours when checking
 *     {@code exp} and {@code iat}; {@code null} means 60 s
 * @param allowedSigningAlgorithms the JWS algorithms accepted for ID tokens (after sign-in and
 *     refresh) and back-channel logout tokens: the client's registered
 *     {@code id_token_signed_response_alg} (OIDC Core 3.1.3.7 step 7, Back-Channel Logout 2.6 step 3);
 *     {@code null} means {@link #DEFAULT_ALGORITHMS}, RS256 only. {@code none} is never accepted;
 *     HMAC ({@code HS256}, {@code HS384}, {@code HS512}, keyed with the client secret) only when
 *     listed here. Further restricted by the provider's {@code id_token_signing_alg_values_supported}.
 * @param protocol client authentication, PAR, DPoP, request objects and the security profile; {@code null} means
 *     {@link ClientProtocol#DEFAULT}
 */
public record ClientSettings(
        URI issuer,
        String clientId,
        String clientSecret,
        List<String> scope,
        Duration connectTimeout,
        Duration readTimeout,
        Duration clockSkew,
        Set<String> allowedSigningAlgorithms,
        ClientProtocol protocol) {

    /**
     * The JWS algorithms accepted when the settings name none: RS256 only, the default
     * {@code id_token_signed_response_alg} (OpenID Connect Dynamic Client Registration 1.0 section 2)
     * and what Passage signs with. A token signed otherwise is refused even when its key is published
     * (OIDC Core 3.1.3.7 step 7).
     */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256");

    /**
     * Every JWS algorithm a setting may name: RS256/384/512, PS256/384/512, ES256/384/512 and
     * HS256/384/512 (the HMAC ones only where a client secret keys them).
     */
    public static final Set<String> SUPPORTED_ALGORITHMS = SigningAlgorithm.names();

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /**
     * Validates the settings and fills in defaults for null timeouts, scope and algorithms.
     *
     * @param issuer the issuer identifier
     * @param clientId the client identifier
     * @param clientSecret the client secret
     * @param scope the scope values, or null for just {@code openid}
     * @param connectTimeout the connect timeout, or null for 5 s
     * @param readTimeout the whole-exchange timeout, or null for 10 s
     * @param clockSkew the tolerated clock skew, or null for 60 s
     * @param allowedSigningAlgorithms the accepted JWS algorithms, or null for {@link #DEFAULT_ALGORITHMS}
     * @param protocol the protocol choices, or null for {@link ClientProtocol#DEFAULT}
     * @throws NullPointerException if issuer or clientId is null
     * @throws IllegalArgumentException naming the setting if a value is invalid or a needed credential is missing
     */
    public ClientSettings {
        // fail at deployment with a message naming the setting, rather than at the first sign-in
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        checkIssuer(issuer);
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (clientSecret != null && clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientSecret must not be empty");
        }
        protocol = protocol == null ? ClientProtocol.DEFAULT : protocol;
        checkCredentials(clientSecret, protocol);
        scope = checkScope(scope);
        connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        allowedSigningAlgorithms = AlgorithmAllowList.check(allowedSigningAlgorithms, DEFAULT_ALGORITHMS, true);
    }

    /**
     * The settings of a client that authenticates with its secret and uses no protocol extension
     * ({@link ClientProtocol#DEFAULT}).
     *
     * @param issuer the issuer identifier
     * @param clientId the client identifier
     * @param clientSecret the client secret
     * @param scope the scope values, or null for just {@code openid}
     * @param connectTimeout the connect timeout, or null for 5 s
     * @param readTimeout the whole-exchange timeout, or null for 10 s
     * @param clockSkew the tolerated clock skew, or null for 60 s
     * @param allowedSigningAlgorithms the accepted JWS algorithms, or null for {@link #DEFAULT_ALGORITHMS}
     * @throws NullPointerException if issuer, clientId or clientSecret is null
     * @throws IllegalArgumentException naming the setting if a value is invalid
     */
    public ClientSettings(URI issuer, String clientId, String clientSecret, List<String> scope,
            Duration connectTimeout, Duration readTimeout, Duration clockSkew, Set<String> allowedSigningAlgorithms) {
        this(issuer, clientId, Objects.requireNonNull(clientSecret, "clientSecret"), scope, connectTimeout,
                readTimeout, clockSkew, allowedSigningAlgorithms, ClientProtocol.DEFAULT);
    }

    /** Each client authentication method needs its own credential; without a method, some credential. */
    private static void checkCredentials(String clientSecret, ClientProtocol protocol) {
        ClientAuthenticationMethod method = protocol.authenticationMethod();
        if (method == null) {
            if (clientSecret == null && protocol.clientKey() == null && protocol.clientCertificate() == null) {
                throw new IllegalArgumentException("clientSecret is required unless a client key or a client "
                        + "certificate is configured");
            }
            return;
        }
        if (method.usesSecret() && clientSecret == null) {
            throw new IllegalArgumentException("clientSecret is required for " + method.wireName());
        }
        if (method == ClientAuthenticationMethod.PRIVATE_KEY_JWT && protocol.clientKey() == null) {
            throw new IllegalArgumentException("a client key is required for private_key_jwt");
        }
        if (method.usesCertificate() && protocol.clientCertificate() == null) {
            throw new IllegalArgumentException("a client certificate is required for " + method.wireName());
        }
    }

    static void checkIssuer(URI issuer) {
        String problem = UriRules.problemWith(issuer);
        if (problem != null) {
            throw new IllegalArgumentException("issuer " + problem + ": " + issuer);
        }
        // OIDC Discovery 1.0 section 3 / OIDC Core 2: an issuer identifier has no query and no fragment
        if (issuer.getRawQuery() != null) {
            throw new IllegalArgumentException("issuer must not have a query: " + issuer);
        }
    }

    private static List<String> checkScope(List<String> scope) {
        if (scope == null || scope.isEmpty()) {
            return List.of("openid");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : scope) {
            // RFC 6749 3.3: a space would split the value into two, quotes and backslashes are not allowed
            if (value == null || !SCOPE_TOKEN.matcher(value).matches()) {
                throw new IllegalArgumentException("scope contains an invalid value: " + value);
            }
            distinct.add(value);
        }
        // OIDC Core 3.1.2.1: without openid the provider does not act as an OpenID provider at all
        if (!distinct.contains("openid")) {
            throw new IllegalArgumentException("scope must contain openid");
        }
        return List.copyOf(distinct);
    }

    static Duration positive(String name, Duration value, Duration defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    /** Lists every setting except the client secret, which is masked. */
    @Override
    public String toString() {
        return "ClientSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=****, scope=" + scope
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", clockSkew=" + clockSkew
                + ", allowedSigningAlgorithms=" + new ArrayList<>(allowedSigningAlgorithms) + ", protocol=" + protocol
                + "]";
    }
}
