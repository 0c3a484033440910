package io.github.passage4j.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of one {@link AccessTokenValidator}: whose JWT access tokens it accepts, and for
 * whom. Immutable; validated when built.
 *
 * <p>Two ready-made shapes: {@link #forIssuer(URI, Set)} for an OpenID provider whose keys are
 * found by discovery (typically the provider this application signs in with), and
 * {@link #forPassageApp(String)} for the tokens Passage's login elements issue, whose keys are at a
 * fixed place.
 *
 * <p>The constructor throws {@link NullPointerException} if issuer or audiences is null and
 * {@link IllegalArgumentException}, naming the setting, if a value is invalid.
 *
 * @param issuer the issuer identifier; with an explicit {@code jwksUri}, tokens' {@code iss} must
 *     equal its string form exactly; without, discovery is done at it (as for
 *     {@link ClientSettings#issuer()}) and {@code iss} must equal the issuer exactly as the discovery
 *     document spells it. Absolute, without query or fragment, {@code https} unless its host is a
 *     loopback address
 * @param jwksUri where the issuer publishes its signing keys; {@code null} means: take
 *     {@code jwks_uri} from the issuer's OpenID discovery document. Same transport rule as the issuer
 * @param audiences the identifiers this resource server accepts in {@code aud}; a token must name
 *     at least one. Not empty, no blank value
 * @param connectTimeout bound on connecting to the issuer; {@code null} means 5 s
 * @param readTimeout bound on every call to the issuer, body included; {@code null} means 10 s
 * @param clockSkew tolerated difference between the issuer's clock and ours for {@code exp},
 *     {@code nbf} and {@code iat}; {@code null} means 60 s
 * @param allowedSigningAlgorithms the accepted JWS algorithms; {@code null} means
 *     {@link #DEFAULT_ALGORITHMS} (RS256 only). Neither {@code none} nor HMAC: access tokens are
 *     verified with the issuer's published keys only, and those are never HMAC keys
 * @param clientId the client id of an OpenID client signing in at the same issuer, whose ID tokens
 *     name it as their only audience; with it, an untyped token whose only audience is that client id
 *     and that names no {@code scope} is taken for an ID token and refused (RFC 8725 3.11). {@code null}
 *     when there is no such client; tokens carrying an ID token's or logout token's own claims
 *     ({@code at_hash}, {@code c_hash}, {@code events}, ...) are refused either way
 */
public record AccessTokenSettings(
        URI issuer,
        URI jwksUri,
        Set<String> audiences,
        Duration connectTimeout,
        Duration readTimeout,
        Duration clockSkew,
        Set<String> allowedSigningAlgorithms,
        String clientId) {

    /**
     * The JWS algorithms accepted when the settings name none: RS256 only, what Passage and most issuers sign access
     * tokens with (RFC 8725 3.1: accept only the algorithms actually used).
     */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256");

    /** Passage's app ids are short and URL-safe; anything else would change the meaning of the URLs built from it. */
    private static final Pattern PASSAGE_APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /**
     * Validates the settings and fills in defaults for null timeouts, skew and algorithms.
     *
     * @param issuer the issuer identifier
     * @param jwksUri the JWK Set location, or null to discover it
     * @param audiences the accepted audiences
     * @param connectTimeout the connect timeout, or null for 5 s
     * @param readTimeout the whole-exchange timeout, or null for 10 s
     * @param clockSkew the tolerated clock skew, or null for 60 s
     * @param allowedSigningAlgorithms the accepted JWS algorithms, or null for {@link #DEFAULT_ALGORITHMS}
     * @param clientId the client id whose ID tokens the issuer signs, or null
     * @throws NullPointerException if issuer or audiences is null
     * @throws IllegalArgumentException naming the setting if a value is invalid
     */
    public AccessTokenSettings {
        // fail at deployment with a message naming the setting, rather than at the first request
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audiences, "audiences");
        ClientSettings.checkIssuer(issuer);
        if (jwksUri != null) {
            String problem = UriRules.problemWith(jwksUri);
            if (problem != null) {
                throw new IllegalArgumentException("jwksUri " + problem + ": " + jwksUri);
            }
        }
        audiences = checkAudiences(audiences);
        connectTimeout = ClientSettings.positive("connectTimeout", connectTimeout, ClientSettings.DEFAULT_CONNECT_TIMEOUT);
        readTimeout = ClientSettings.positive("readTimeout", readTimeout, ClientSettings.DEFAULT_READ_TIMEOUT);
        clockSkew = clockSkew == null ? ClientSettings.DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        allowedSigningAlgorithms = AlgorithmAllowList.check(allowedSigningAlgorithms, DEFAULT_ALGORITHMS, false);
        if (clientId != null && clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
    }

    /**
     * Settings without a client id whose ID tokens the issuer signs, as before that setting existed.
     *
     * @param issuer the issuer identifier
     * @param jwksUri the JWK Set location, or null to discover it
     * @param audiences the accepted audiences
     * @param connectTimeout the connect timeout, or null for 5 s
     * @param readTimeout the whole-exchange timeout, or null for 10 s
     * @param clockSkew the tolerated clock skew, or null for 60 s
     * @param allowedSigningAlgorithms the accepted JWS algorithms, or null for {@link #DEFAULT_ALGORITHMS}
     */
    public AccessTokenSettings(URI issuer, URI jwksUri, Set<String> audiences, Duration connectTimeout,
            Duration readTimeout, Duration clockSkew, Set<String> allowedSigningAlgorithms) {
        this(issuer, jwksUri, audiences, connectTimeout, readTimeout, clockSkew, allowedSigningAlgorithms, null);
    }

    /**
     * Access tokens of an OpenID provider, whose keys are found through its discovery document
     * ({@code <issuer>/.well-known/openid-configuration}), with the default timeouts, skew and
     * algorithms.
     *
     * @param issuer the provider's issuer identifier
     * @param audiences the accepted audiences
     * @return the settings
     */
    public static AccessTokenSettings forIssuer(URI issuer, Set<String> audiences) {
        return new AccessTokenSettings(issuer, null, audiences, null, null, null, null);
    }

    /**
     * The auth tokens of a Passage app (the JWTs its login elements hand to the browser): issuer
     * {@code https://auth.passage.id/v1/apps/<appId>}, keys at
     * {@code <issuer>/.well-known/jwks.json} without discovery, and the app id as accepted
     * audience, as Passage puts it in {@code aud}. Use the constructor for other audiences.
     *
     * @param appId the Passage app id
     * @return the settings
     * @throws IllegalArgumentException if the app id is not a plain URL-safe identifier
     */
    public static AccessTokenSettings forPassageApp(String appId) {
        Objects.requireNonNull(appId, "appId");
        if (!PASSAGE_APP_ID.matcher(appId).matches()) {
            throw new IllegalArgumentException("appId must consist of letters, digits, '-' and '_'");
        }
        String issuer = "https://auth.passage.id/v1/apps/" + appId;
        return new AccessTokenSettings(URI.create(issuer), URI.create(issuer + "/.well-known/jwks.json"),
                Set.of(appId), null, null, null, null);
    }

    private static Set<String> checkAudiences(Set<String> audiences) {
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("audiences must not be empty");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String audience : audiences) {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("audiences must not contain a blank value");
            }
            checked.add(audience);
        }
        return Collections.unmodifiableSet(checked);
    }

    /** Lists every setting; there is no secret among them. */
    @Override
    public String toString() {
        return "AccessTokenSettings[issuer=" + issuer + ", jwksUri=" + (jwksUri == null ? "(discovered)" : jwksUri)
                + ", audiences=" + new ArrayList<>(audiences) + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", clockSkew=" + clockSkew
                + ", allowedSigningAlgorithms=" + new ArrayList<>(allowedSigningAlgorithms)
                + ", clientId=" + (clientId == null ? "(none)" : clientId) + "]";
    }
}
