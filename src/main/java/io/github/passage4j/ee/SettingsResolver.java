package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.AuthenticationRequirement;
import io.github.passage4j.oidc.AuthorizationParameters;
import io.github.passage4j.oidc.ClientAssertionAudience;
import io.github.passage4j.oidc.ClientAuthenticationMethod;
import io.github.passage4j.oidc.ClientCertificate;
import io.github.passage4j.oidc.ClientKey;
import io.github.passage4j.oidc.ClientProtocol;
import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.DecryptionKey;
import io.github.passage4j.oidc.EndSessionMethod;
import io.github.passage4j.oidc.Fapi2Rules;
import io.github.passage4j.oidc.ProviderTrust;
import io.github.passage4j.oidc.SecurityProfile;
import io.github.passage4j.oidc.TokenProtection;
import io.github.passage4j.oidc.UriRules;

import java.net.URI;
import java.util.LinkedHashMap;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link PassageAuthenticationDefinition} into {@link PassageSettings}: for each attribute the
 * {@code passage.<kebab-case-name>} configuration value ({@code passage.<name>.<kebab-case-name>} for a named
 * definition) wins, else the annotation's value with {@code ${...}}
 * expressions evaluated. Every problem is collected, so one failed deployment names them all.
 */
final class SettingsResolver {

    private static final System.Logger LOG = System.getLogger(SettingsResolver.class.getName());

    /**
     * A testing aid, deliberately no annotation attribute: where element tokens are issued, so that in-container
     * tests can point it at a local provider. Production apps leave it alone ({@code https://auth.passage.id}).
     */
    static final String ELEMENT_TOKEN_ISSUER_BASE_KEY = "passage.element-token-issuer-base";

    private static final java.util.regex.Pattern APP_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final ConfigSource config;
    private final UnaryOperator<String> expressions;
    private final List<String> problems = new ArrayList<>();
    /** The name of the definition being resolved; empty for the default one. */
    private String name = "";

    /** A definition's name: what may follow {@code passage.} in a key and {@code /} in a path. */
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9-]+");

    /**
     * @param config      the {@code passage.*} overrides
     * @param expressions evaluates a {@code ${...}} expression; called only for annotation values holding one
     */
    SettingsResolver(ConfigSource config, UnaryOperator<String> expressions) {
        this.config = config;
        this.expressions = expressions;
    }

    PassageSettings resolve(PassageAuthenticationDefinition definition) throws InvalidSettingsException {
        problems.clear();
        name = definition.name();
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            // checked first: every key of the definition is derived from it
            throw new InvalidSettingsException(List.of("the name '" + name + "' of a @PassageAuthenticationDefinition "
                    + "must consist of lower-case letters, digits and '-'"));
        }
        URI issuer = issuer(string("issuer", definition.issuer()));
        String clientId = required("clientId", string("clientId", definition.clientId()));
        ClientProtocol protocol = protocol(definition);
        // an empty value (PASSAGE_CLIENT_SECRET= in an environment) means none
        Optional<String> givenSecret = clientSecret(definition.clientSecret()).filter(secret -> !secret.isEmpty());
        boolean secretNeeded = protocol.authenticationMethod() != null ? protocol.authenticationMethod().usesSecret()
                : protocol.clientKey() == null && protocol.clientCertificate() == null;
        String clientSecret = secretNeeded ? required("clientSecret", givenSecret) : givenSecret.orElse(null);
        if (protocol.authenticationMethod() == ClientAuthenticationMethod.CLIENT_SECRET_JWT && clientSecret != null
                && clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            // RFC 7518 3.2: the HS256 key of the assertion needs at least 256 bits
            problems.add(describe("clientSecret") + " must be at least 32 bytes long for client_secret_jwt (RFC 7518 "
                    + "3.2)");
        }
        List<String> scope = scope(definition.scope());
        String redirectUri = uriOrPath("redirectURI", string("redirectURI", named(definition.redirectURI(),
                PassageAuthenticationDefinition.DEFAULT_CALLBACK_PATH)));
        boolean redirectToOriginal = bool("redirectToOriginalResource", definition.redirectToOriginalResource());
        String callerNameClaim = required("callerNameClaim", string("callerNameClaim", definition.callerNameClaim()));
        String callerGroupsClaim = string("callerGroupsClaim", definition.callerGroupsClaim()).orElse("");
        String logoutPath = path("logoutPath", string("logoutPath", definition.logoutPath()));
        String postLogout = uriOrPath("postLogoutRedirectURI",
                string("postLogoutRedirectURI", definition.postLogoutRedirectURI()));
        int connectTimeout = positive("connectTimeout", definition.connectTimeout(), 1);
        int readTimeout = positive("readTimeout", definition.readTimeout(), 1);
        int clockSkew = positive("clockSkew", definition.clockSkew(), 0);
        URI endSessionEndpoint = string("endSessionEndpoint", definition.endSessionEndpoint())
                .map(text -> absoluteUrl("endSessionEndpoint", text)).orElse(null);
        int tokenMinValidity = positive("tokenMinValidity", definition.tokenMinValidity(), 0);
        LogoutSettings logout = logout(definition);
        boolean endSessionAtTokenExpiry = bool("endSessionAtTokenExpiry", definition.endSessionAtTokenExpiry());
        String appId = string("appId", definition.appId()).map(this::appId).orElse(null);
        Set<String> bearerAudiences = bearerAudiences(definition.bearerAudiences(), clientId, appId);
        String elementBaseKey = configKey(name, ELEMENT_TOKEN_ISSUER_BASE_KEY.substring("passage.".length()));
        URI elementTokenIssuerBase = config.value(elementBaseKey)
                .map(text -> absoluteUrl(elementBaseKey, text.strip()))
                .orElse(PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE);
        boolean fapi2 = protocol.profile() == SecurityProfile.FAPI_2_0;
        String idTokenSigningAlg = idTokenSigningAlg(definition.idTokenSigningAlg(), fapi2);
        Set<String> accessTokenSigningAlgs = accessTokenSigningAlgs(definition.accessTokenSigningAlgs(), fapi2);
        SessionSettings session = session(definition);
        SignInOptions signIn = new SignInOptions(extraParameters(definition.extraParameters()),
                userinfo(definition.userinfo()), responseMode(definition.responseMode()),
                stepUp(definition.stepUp()));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(List.copyOf(problems));
        }
        ClientSettings client;
        try {
            client = new ClientSettings(issuer, clientId, clientSecret, scope,
                    Duration.ofMillis(connectTimeout), Duration.ofMillis(readTimeout), Duration.ofSeconds(clockSkew),
                    Set.of(idTokenSigningAlg), protocol);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidSettingsException(List.of(invalid.getMessage()));
        }
        String backChannelLogoutPath = named(PassageAuthenticationDefinition.BACKCHANNEL_LOGOUT_PATH,
                PassageAuthenticationDefinition.BACKCHANNEL_LOGOUT_PATH);
        return new PassageSettings(name, client, redirectUri, redirectToOriginal, callerNameClaim, callerGroupsClaim,
                logoutPath, postLogout, endSessionEndpoint, Duration.ofSeconds(tokenMinValidity),
                endSessionAtTokenExpiry, appId, bearerAudiences, elementTokenIssuerBase, backChannelLogoutPath,
                session, accessTokenSigningAlgs, logout, signIn);
    }

    /** The end-session method ({@code post} or {@code get}) and revocation at logout. */
    private LogoutSettings logout(PassageAuthenticationDefinition definition) {
        String methodText = string("endSessionMethod", definition.endSessionMethod()).orElse("post");
        EndSessionMethod method = EndSessionMethod.ofSettingValue(methodText).orElseGet(() -> {
            // RP-Initiated Logout 1.0 section 2 defines GET and POST; a guess between them could send the ID token
            // in a URL the app did not choose, so anything else fails the deployment
            problems.add(describe("endSessionMethod") + " must be post or get");
            return EndSessionMethod.POST;
        });
        return new LogoutSettings(method, bool("revokeTokensOnLogout", definition.revokeTokensOnLogout()));
    }

    /** {@code extraParameters}: the annotation's {@code name=value} entries, or configuration's query string. */
    private AuthorizationParameters extraParameters(String[] annotationValue) {
        Optional<String> configured = configured("extraParameters");
        Map<String, String> given = configured.isPresent()
                ? SignInParameters.parseQuery(configured.get().strip(), problems, describe("extraParameters"))
                : SignInParameters.parseEntries(Arrays.stream(annotationValue)
                        .map(this::evaluateParameterValue).filter(Objects::nonNull).toList(),
                        problems, describe("extraParameters"));
        try {
            return AuthorizationParameters.ofSetting(given);
        } catch (IllegalArgumentException refused) {
            problems.add(describe("extraParameters") + ": " + refused.getMessage());
            return AuthorizationParameters.NONE;
        }
    }

    /** {@code name=${expression}}: the value part evaluated, the name as written. */
    private String evaluateParameterValue(String entry) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            return entry;
        }
        String value = evaluate("extraParameters", entry.substring(equals + 1));
        return value == null ? null : entry.substring(0, equals + 1) + value;
    }

    /**
     * {@code stepUp}: {@code <url-pattern>?acr_values=...&max_age=...} per entry; in configuration the entries
     * separated by commas (a comma in a value percent-encoded).
     */
    private StepUpRequirements stepUp(String[] annotationValue) {
        Optional<String> configured = configured("stepUp");
        List<String> entries = configured
                .map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(each -> !each.isEmpty()).toList())
                .orElseGet(() -> Arrays.stream(annotationValue).map(each -> evaluate("stepUp", each))
                        .filter(Objects::nonNull).map(String::strip).toList());
        Map<String, AuthenticationRequirement> byPattern = new LinkedHashMap<>();
        for (String entry : entries) {
            int query = entry.indexOf('?');
            String pattern = query < 0 ? entry : entry.substring(0, query);
            if (query < 0 || query == entry.length() - 1) {
                problems.add(describe("stepUp") + ": '" + pattern + "' needs ?acr_values=...&max_age=... "
                        + "(either or both)");
                continue;
            }
            List<String> parseProblems = new ArrayList<>();
            Map<String, String> parameters = SignInParameters.parseQuery(entry.substring(query + 1), parseProblems,
                    describe("stepUp") + " for " + pattern);
            problems.addAll(parseProblems);
            if (!parseProblems.isEmpty()) {
                continue;
            }
            try {
                AuthenticationRequirement requirement = AuthenticationRequirement.of(
                        AuthorizationParameters.ofSetting(parameters));
                if (byPattern.put(pattern, requirement) != null) {
                    problems.add(describe("stepUp") + ": the URL pattern " + pattern + " is given twice");
                }
            } catch (IllegalArgumentException refused) {
                problems.add(describe("stepUp") + " for " + pattern + ": " + refused.getMessage());
            }
        }
        try {
            return byPattern.isEmpty() ? StepUpRequirements.NONE : new StepUpRequirements(byPattern);
        } catch (IllegalArgumentException refused) {
            problems.add(describe("stepUp") + ": " + refused.getMessage());
            return StepUpRequirements.NONE;
        }

    }

    /** {@code responseMode}: query (the default) or form_post; anything else fails the deployment, named. */
    private io.github.passage4j.oidc.ResponseMode responseMode(String annotationValue) {
        String text = string("responseMode", annotationValue).orElse("query");
        return io.github.passage4j.oidc.ResponseMode.ofSettingValue(text).orElseGet(() -> {
            problems.add(describe("responseMode") + ": " + io.github.passage4j.oidc.ResponseMode.whyNotOffered(text));
            return io.github.passage4j.oidc.ResponseMode.QUERY;
        });
    }

    private SignInOptions.Userinfo userinfo(String annotationValue) {
        String text = string("userinfo", annotationValue).orElse("auto");
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SignInOptions.Userinfo.AUTO;
            case "skip" -> SignInOptions.Userinfo.SKIP;
            // fetched as with auto; that the answer must be signed is the oidc core's part (tokenProtection)
            case "signed" -> SignInOptions.Userinfo.AUTO;
            default -> {
                problems.add(describe("userinfo") + " must be auto, skip or signed");
                yield SignInOptions.Userinfo.AUTO;
            }
        };
    }

    /**
     * Client authentication, PAR, DPoP, request objects and the profile. Key material and passwords come from
     * configuration only: a literal in source is refused.
     */
    private ClientProtocol protocol(PassageAuthenticationDefinition definition) {
        ClientAuthenticationMethod method = string("tokenEndpointAuthMethod", definition.tokenEndpointAuthMethod())
                .map(text -> ClientAuthenticationMethod.ofWireName(text).orElseGet(() -> {
                    problems.add(describe("tokenEndpointAuthMethod") + " must be one of client_secret_basic, "
                            + "client_secret_post, client_secret_jwt, private_key_jwt, tls_client_auth, "
                            + "self_signed_tls_client_auth");
                    return null;
                }))
                .orElse(null);
        SecurityProfile profile = securityProfile(definition.securityProfile());
        Optional<String> alg = string("tokenEndpointAuthSigningAlg", definition.tokenEndpointAuthSigningAlg());
        if (alg.isPresent() && !ClientKey.ALGORITHMS.contains(alg.get())) {
            problems.add(describe("tokenEndpointAuthSigningAlg") + " must be RS256, PS256 or ES256");
            alg = Optional.empty();
        }
        // FAPI 2.0 5.4: RS256 is not among the algorithms it allows
        String algorithm = alg.orElse(null);
        Optional<String> keyText = fromConfigOnly("clientKey", definition.clientKey());
        Optional<String> keyStore = string("clientKeyStore", definition.clientKeyStore());
        ProviderTrust trust = providerTrust(definition);
        ClientKey key = null;
        ClientCertificate certificate = null;
        if (keyText.isPresent() && keyStore.isPresent()) {
            problems.add(describe("clientKey") + " and " + describe("clientKeyStore") + " must not both be set");
        } else if (keyText.isPresent()) {
            key = clientKey("clientKey", () -> ClientKey.parse(keyText.get(), algorithm), profile, algorithm,
                    () -> ClientKey.parse(keyText.get(), "PS256"));
        } else if (keyStore.isPresent()) {
            String password = required("clientKeyStorePassword",
                    fromConfigOnly("clientKeyStorePassword", definition.clientKeyStorePassword()));
            String alias = string("clientKeyAlias", definition.clientKeyAlias()).orElse(null);
            if (password != null) {
                java.nio.file.Path path = java.nio.file.Path.of(keyStore.get());
                key = clientKey("clientKeyStore", () -> ClientKey.load(path, password.toCharArray(), alias, algorithm),
                        profile, algorithm, () -> ClientKey.load(path, password.toCharArray(), alias, "PS256"));
                if (key != null && method != null && method.usesCertificate()) {
                    try {
                        certificate = ClientCertificate.fromKeyStore(ClientKey.keyStore(path, password.toCharArray()),
                                password.toCharArray(), trust);
                    } catch (IllegalArgumentException invalid) {
                        problems.add(describe("clientKeyStore") + ": " + invalid.getMessage());
                    }
                }
            }
        }
        boolean pushed = bool("pushedAuthorizationRequests", definition.pushedAuthorizationRequests());
        boolean dpop = bool("dpop", definition.dpop());
        if (profile == SecurityProfile.FAPI_2_0) {
            method = fapi2Authentication(method, key, keyStore.isPresent(), alg);
            // FAPI 2.0 5.3.2.2 step 1: PAR always; 5.3.2.1 step 1 with 5.3.3: sender-constrained tokens, by DPoP
            // unless the client certificate binds them (RFC 8705 3)
            pushed = fapi2Requires("pushedAuthorizationRequests", pushed);
            boolean certificateBound = method != null && method.usesCertificate();
            dpop = certificateBound ? dpop : fapi2Requires("dpop", dpop);
        }
        if (method != null && method.usesCertificate() && certificate == null && keyStore.isEmpty()) {
            // RFC 8705 2: the certificate authenticates the client; without one every sign-in would fail
            problems.add(describe("clientKeyStore") + " is required for " + method.wireName() + " ("
                    + describe("tokenEndpointAuthMethod") + "): the keystore holds the client certificate");
        }
        return new ClientProtocol(method, key, certificate, pushed, dpop,
                bool("signedRequestObjects", definition.signedRequestObjects()), profile,
                assertionAudience(definition.clientAssertionAudience(), profile), trust)
                .withTokenProtection(tokenProtection(definition, key));
    }

    /**
     * Signed userinfo ({@code userinfo = signed}) and encrypted ID tokens and userinfo: the decryption key
     * ({@code decryptionKey}, or {@code decryptionKeyAlias} in the client keystore), its JWE algorithm
     * ({@code tokenEncryptionAlg}) and whether encryption is mandatory. Every contradiction fails the deployment
     * naming the settings, rather than the first sign-in.
     */
    private TokenProtection tokenProtection(PassageAuthenticationDefinition definition, ClientKey signingKey) {
        boolean signedUserinfo = string("userinfo", definition.userinfo())
                .map(text -> text.toLowerCase(java.util.Locale.ROOT).equals("signed")).orElse(false);
        Optional<String> algorithm = string("tokenEncryptionAlg", definition.tokenEncryptionAlg());
        if (algorithm.isPresent() && !DecryptionKey.ALGORITHMS.contains(algorithm.get())) {
            problems.add(describe("tokenEncryptionAlg") + " must be RSA-OAEP-256, ECDH-ES or ECDH-ES+A256KW");
            algorithm = Optional.empty();
        }
        String alg = algorithm.orElse(null);
        Optional<String> keyText = fromConfigOnly("decryptionKey", definition.decryptionKey());
        Optional<String> alias = string("decryptionKeyAlias", definition.decryptionKeyAlias());
        DecryptionKey key = null;
        if (keyText.isPresent() && alias.isPresent()) {
            problems.add(describe("decryptionKey") + " and " + describe("decryptionKeyAlias") + " must not both be "
                    + "set");
        } else if (keyText.isPresent()) {
            key = decryptionKey("decryptionKey", () -> DecryptionKey.parse(keyText.get(), alg));
        } else if (alias.isPresent()) {
            Optional<String> keyStore = string("clientKeyStore", definition.clientKeyStore());
            Optional<String> password = string("clientKeyStorePassword", definition.clientKeyStorePassword());
            if (keyStore.isEmpty() || password.isEmpty()) {
                problems.add(describe("decryptionKeyAlias") + " names an entry of " + describe("clientKeyStore")
                        + ", which must be set with " + describe("clientKeyStorePassword"));
            } else {
                key = decryptionKey("decryptionKeyAlias", () -> DecryptionKey.load(
                        java.nio.file.Path.of(keyStore.get()), password.get().toCharArray(), alias.get(), alg));
            }
        }
        boolean keyGiven = keyText.isPresent() || alias.isPresent();
        if (alg != null && !keyGiven) {
            problems.add(describe("tokenEncryptionAlg") + " needs " + describe("decryptionKey") + " or "
                    + describe("decryptionKeyAlias"));
        }
        boolean encryptedIdTokens = bool("idTokenEncrypted", definition.idTokenEncrypted());
        boolean encryptedUserinfo = bool("userinfoEncrypted", definition.userinfoEncrypted());
        // OIDC Core 10.2: the provider encrypts to the client's published key; without one nothing decrypts
        requireDecryptionKey("idTokenEncrypted", encryptedIdTokens, keyGiven);
        requireDecryptionKey("userinfoEncrypted", encryptedUserinfo, keyGiven);
        if (key != null && signingKey != null && sameKey(key, signingKey)) {
            // RFC 7517 4.2/4.5: one key, one use, each with its own kid, so a provider never encrypts to the key that
            // signs (and by kid picks the right one)
            problems.add(describe(keyText.isPresent() ? "decryptionKey" : "decryptionKeyAlias") + " must be another "
                    + "key than the client key (" + describe("clientKey") + " / " + describe("clientKeyAlias")
                    + "), with another kid");
        }
        if (key == null) {
            return new TokenProtection(null, false, false, signedUserinfo);
        }
        return new TokenProtection(key, encryptedIdTokens, encryptedUserinfo, signedUserinfo);
    }

    private void requireDecryptionKey(String attribute, boolean required, boolean keyGiven) {
        if (required && !keyGiven) {
            problems.add(describe(attribute) + " needs " + describe("decryptionKey") + " or "
                    + describe("decryptionKeyAlias"));
        }
    }

    private static boolean sameKey(DecryptionKey decryption, ClientKey signing) {
        if (decryption.keyId().equals(signing.keyId())) {
            return true;
        }
        try {
            return decryption.publicJwk().computeThumbprint().equals(signing.publicJwk().computeThumbprint());
        } catch (com.nimbusds.jose.JOSEException notComparable) {
            return false;
        }
    }

    private DecryptionKey decryptionKey(String attribute, java.util.function.Supplier<DecryptionKey> load) {
        try {
            return load.get();
        } catch (IllegalArgumentException invalid) {
            // the messages name the key type and algorithm, never key material
            problems.add(describe(attribute) + ": " + invalid.getMessage() + " (" + describe("tokenEncryptionAlg")
                    + ")");
            return null;
        }
    }

    /** The private trust store for the provider's certificate, or null for the JVM's default one. */
    private ProviderTrust providerTrust(PassageAuthenticationDefinition definition) {
        Optional<String> trustStore = string("providerTrustStore", definition.providerTrustStore());
        if (trustStore.isEmpty()) {
            return null;
        }
        String password = required("providerTrustStorePassword",
                fromConfigOnly("providerTrustStorePassword", definition.providerTrustStorePassword()));
        if (password == null) {
            return null;
        }
        try {
            return ProviderTrust.load(java.nio.file.Path.of(trustStore.get()), password.toCharArray());
        } catch (IllegalArgumentException invalid) {
            // also an InvalidPathException; the messages name the file, never the password
            problems.add(describe("providerTrustStore") + ": " + invalid.getMessage());
            return null;
        }
    }

    private ClientAssertionAudience assertionAudience(String annotationValue, SecurityProfile profile) {
        String text = string("clientAssertionAudience", annotationValue).orElse("issuer");
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "issuer":
                return ClientAssertionAudience.ISSUER;
            case "endpoint":
                if (profile == SecurityProfile.FAPI_2_0) {
                    // FAPI 2.0 5.3.2.1 step 4 via RFC 7523: the issuer identifier as the one audience
                    problems.add(describe("clientAssertionAudience") + " must be issuer under the FAPI 2.0 profile");
                }
                return ClientAssertionAudience.ENDPOINT;
            default:
                problems.add(describe("clientAssertionAudience") + " must be issuer or endpoint");
                return ClientAssertionAudience.ISSUER;
        }
    }

    /** FAPI 2.0 5.3.2.1 step 3 and 5.4.1: private_key_jwt (PS256 or ES256) or mutual TLS, never a secret. */
    private ClientAuthenticationMethod fapi2Authentication(ClientAuthenticationMethod method, ClientKey key,
            boolean keyStore, Optional<String> alg) {
        if (method != null && !Fapi2Rules.allowsAuthentication(method)) {
            problems.add(describe("tokenEndpointAuthMethod") + " must be private_key_jwt, tls_client_auth or "
                    + "self_signed_tls_client_auth under the FAPI 2.0 profile (" + describe("securityProfile") + ")");
            return method;
        }
        if (alg.isPresent() && !Fapi2Rules.ALGORITHMS.contains(alg.get())) {
            problems.add(describe("tokenEndpointAuthSigningAlg") + " must be PS256 or ES256 under the FAPI 2.0 "
                    + "profile");
        }
        if (method == null && key == null && !keyStore) {
            problems.add("the FAPI 2.0 profile (" + describe("securityProfile") + ") needs private_key_jwt or mutual "
                    + "TLS: set " + describe("clientKey") + " or " + describe("clientKeyStore"));
            return null;
        }
        return method != null ? method : ClientAuthenticationMethod.PRIVATE_KEY_JWT;
    }

    /** A FAPI 2.0 requirement is on; configuring it off is a contradiction the deployment refuses. */
    private boolean fapi2Requires(String attribute, boolean value) {
        if (!value && configured(attribute).isPresent()) {
            problems.add(describe(attribute) + " must be true under the FAPI 2.0 profile ("
                    + describe("securityProfile") + ")");
        }
        return true;
    }

    private ClientKey clientKey(String attribute, java.util.function.Supplier<ClientKey> load, SecurityProfile profile,
            String algorithm, java.util.function.Supplier<ClientKey> loadForFapi) {
        try {
            ClientKey key = load.get();
            if (profile == SecurityProfile.FAPI_2_0 && algorithm == null && "RS256".equals(key.algorithm().getName())) {
                return loadForFapi.get();
            }
            return key;
        } catch (IllegalArgumentException invalid) {
            problems.add(describe(attribute) + ": " + invalid.getMessage());
            return null;
        }
    }

    private SecurityProfile securityProfile(String annotationValue) {
        String text = string("securityProfile", annotationValue).orElse("openid-connect");
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "openid-connect" -> SecurityProfile.OPENID_CONNECT;
            case "fapi-2.0" -> SecurityProfile.FAPI_2_0;
            default -> {
                problems.add(describe("securityProfile") + " must be openid-connect or fapi-2.0");
                yield SecurityProfile.OPENID_CONNECT;
            }
        };
    }

    /** A value that must not be written in source: given by configuration, or by an expression that reads it. */
    private Optional<String> fromConfigOnly(String attribute, String annotationValue) {
        if (configured(attribute).isEmpty() && !annotationValue.isBlank() && !annotationValue.contains("${")) {
            problems.add(describe(attribute) + " must be given as configuration, not written in source");
            return Optional.empty();
        }
        return string(attribute, annotationValue);
    }

    /**
     * OIDC Core 3.1.3.7 step 7: the one algorithm the client registered, for every token that stands for a sign-in.
     * FAPI 2.0 5.4.1 allows PS256 and ES256 only, and makes PS256 the default.
     */
    private String idTokenSigningAlg(String annotationValue, boolean fapi2) {
        Optional<String> configured = configured("idTokenSigningAlg");
        String alg = string("idTokenSigningAlg", annotationValue).orElse("RS256");
        if (!ClientSettings.SUPPORTED_ALGORITHMS.contains(alg)) {
            problems.add(describe("idTokenSigningAlg") + " must be one of " + String.join(", ",
                    ClientSettings.SUPPORTED_ALGORITHMS));
        } else if (fapi2 && !Fapi2Rules.ALGORITHMS.contains(alg)) {
            if (configured.isPresent() || !"RS256".equals(annotationValue)) {
                problems.add(describe("idTokenSigningAlg") + " must be PS256 or ES256 under the FAPI 2.0 profile");
            }
            return "PS256";
        }
        return alg;
    }

    /**
     * RFC 9068 4 step 5: the issuer's published keys verify access tokens, so no HMAC and never none. FAPI 2.0 5.4.1
     * allows PS256 and ES256 only, the default there.
     */
    private Set<String> accessTokenSigningAlgs(String[] annotationValue, boolean fapi2) {
        Optional<String> configured = config.value(key("accessTokenSigningAlgs"));
        if (fapi2 && configured.isEmpty() && Arrays.equals(annotationValue, new String[] {"RS256"})) {
            return Set.copyOf(Fapi2Rules.ALGORITHMS);
        }
        List<String> given = configured
                .map(text -> Arrays.asList(text.split(",")))
                .orElseGet(() -> Arrays.stream(annotationValue)
                        .map(value -> evaluate("accessTokenSigningAlgs", value)).toList());
        Set<String> algorithms = new LinkedHashSet<>();
        for (String value : given) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String alg = value.strip();
            if (!ClientSettings.SUPPORTED_ALGORITHMS.contains(alg) || alg.startsWith("HS")) {
                problems.add(describe("accessTokenSigningAlgs") + ": '" + alg + "' is not one of RS256, RS384, RS512,"
                        + " PS256, PS384, PS512, ES256, ES384, ES512");
                continue;
            }
            if (fapi2 && !Fapi2Rules.ALGORITHMS.contains(alg)) {
                problems.add(describe("accessTokenSigningAlgs") + ": '" + alg + "' is not allowed under the FAPI 2.0 "
                        + "profile (PS256, ES256)");
                continue;
            }
            algorithms.add(alg);
        }
        if (algorithms.isEmpty()) {
            problems.add(describe("accessTokenSigningAlgs") + " must name at least one algorithm");
        }
        return algorithms;
    }

    /**
     * The app's session settings, read from the unnamed keys ({@code passage.stateless}, ...) whichever definition is
     * resolved: a browser has one session, whichever provider it signed in with.
     */
    private SessionSettings session(PassageAuthenticationDefinition definition) {
        String definitionName = name;
        name = "";
        try {
            boolean stateless = bool("stateless", definition.stateless());
            Optional<String> keysText = string("cookieEncryptionKeys", definition.cookieEncryptionKeys());
            if (keysText.isPresent() && configured("cookieEncryptionKeys").isEmpty()
                    && !definition.cookieEncryptionKeys().contains("${")) {
                LOG.log(System.Logger.Level.WARNING, "Passage4J: the cookie encryption keys are written in source; "
                        + "give them as configuration (" + key("cookieEncryptionKeys") + ")");
            }
            CookieKeys keys = CookieKeys.NONE;
            if (keysText.isPresent()) {
                try {
                    keys = CookieKeys.parse(keysText.get());
                } catch (IllegalArgumentException invalid) {
                    problems.add(describe("cookieEncryptionKeys") + ": " + invalid.getMessage());
                }
            } else if (stateless) {
                problems.add(describe("cookieEncryptionKeys") + " is required when " + describe("stateless")
                        + " is true");
            }
            String cache = string("endedSessionsCache", definition.endedSessionsCache()).orElse("");
            int maxAge = positive("sessionMaxAge", definition.sessionMaxAge(), 60);
            int cacheTimeout = positive("endedSessionsCacheTimeout", definition.endedSessionsCacheTimeout(), 1);
            URI baseUrl = string("baseUrl", definition.baseUrl()).map(this::baseUrl).orElse(null);
            if (!problems.isEmpty()) {
                return SessionSettings.DEFAULT;
            }
            return new SessionSettings(stateless, stateless ? keys : CookieKeys.NONE, cache,
                    java.time.Duration.ofSeconds(maxAge), java.time.Duration.ofMillis(cacheTimeout), baseUrl);
        } finally {
            name = definitionName;
        }
    }

    private Optional<String> configured(String attribute) {
        return config.value(key(attribute));
    }

    /** A named definition's default path is the default definition's plus {@code /<name>}; others stay as given. */
    private String named(String value, String defaultPath) {
        return !name.isEmpty() && defaultPath.equals(value) ? defaultPath + "/" + name : value;
    }

    /** The config key of an attribute: {@code clientSecret} is {@code passage.client-secret}. */
    static String configKey(String attribute) {
        return configKey("", attribute);
    }

    /**
     * The config key of an attribute of the named definition ({@code passage.x.client-secret}), or of the default
     * definition when the name is empty ({@code passage.client-secret}).
     */
    static String configKey(String definitionName, String attribute) {
        return "passage." + (definitionName.isEmpty() ? "" : definitionName + ".") + attribute
                .replace("URI", "Uri")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private String key(String attribute) {
        return configKey(name, attribute);
    }

    private String describe(String attribute) {
        return (name.isEmpty() ? "" : "definition '" + name + "': ") + "'" + attribute + "' (config key "
                + key(attribute) + "; environment variable " + environmentVariable(key(attribute)) + ")";
    }

    /** MicroProfile Config 3.0 section 3.1.3: the environment variable a config key is also read from. */
    static String environmentVariable(String configKey) {
        return configKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private Optional<String> string(String attribute, String annotationValue) {
        Optional<String> configured = config.value(key(attribute));
        if (configured.isPresent()) {
            return configured.map(String::strip);
        }
        if (annotationValue == null || annotationValue.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(evaluate(attribute, annotationValue)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private String evaluate(String attribute, String value) {
        if (!value.contains("${")) {
            return value;
        }
        try {
            return expressions.apply(value);
        } catch (RuntimeException failure) {
            // the expression text is source, not a secret; its value might be, so it is never quoted
            problems.add(describe(attribute) + ": the expression " + value + " could not be evaluated ("
                    + failure.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private Optional<String> clientSecret(String annotationValue) {
        Optional<String> configured = config.value(key("clientSecret"));
        if (configured.isEmpty() && !annotationValue.isBlank() && !annotationValue.contains("${")) {
            LOG.log(System.Logger.Level.WARNING, "Passage4J: the client secret is written in source; give it as "
                    + "configuration (" + key("clientSecret") + ", environment variable "
                    + key("clientSecret").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT) + ")");
        }
        return string("clientSecret", annotationValue);
    }

    private String required(String attribute, Optional<String> value) {
        if (value.isEmpty()) {
            problems.add(describe(attribute) + " is required but not set");
            return null;
        }
        return value.get();
    }

    private URI issuer(Optional<String> value) {
        String text = required("issuer", value);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || uri.getScheme() == null) {
                problems.add(describe("issuer") + " must be an absolute https URL, e.g. https://example.withpassage.com");
                return null;
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(describe("issuer") + " must not have a query or fragment");
                return null;
            }
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && UriRules.isLoopback(uri.getHost());
            if (!https && !loopbackHttp) {
                problems.add(describe("issuer") + " must use https (http is accepted only for a loopback host)");
                return null;
            }
            return uri;
        } catch (URISyntaxException malformed) {
            problems.add(describe("issuer") + " is not a valid URL");
            return null;
        }
    }

    private List<String> scope(String[] annotationValue) {
        Optional<String> configured = config.value(key("scope"));
        List<String> given = configured
                .map(text -> Arrays.asList(text.split("[,\\s]+")))
                .orElseGet(() -> Arrays.stream(annotationValue).map(value -> evaluate("scope", value)).toList());
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        for (String scope : given) {
            if (scope == null || scope.isBlank()) {
                continue;
            }
            if (!scope.strip().matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                problems.add(describe("scope") + ": '" + scope + "' is not a valid scope token (RFC 6749 3.3)");
                continue;
            }
            scopes.add(scope.strip());
        }
        return List.copyOf(scopes);
    }

    private String uriOrPath(String attribute, Optional<String> value) {
        String text = required(attribute, value);
        if (text == null) {
            return null;
        }
        if (text.startsWith("/") && !text.startsWith("//")) {
            return text;
        }
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return text;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        problems.add(describe(attribute) + " must be a path starting with / or an absolute http(s) URL");
        return null;
    }

    /** An absolute https URL, or http for a loopback host; {@code name} is an attribute or, if it has dots, a key. */
    private URI absoluteUrl(String name, String text) {
        String described = name.contains(".") ? name : describe(name);
        try {
            URI uri = new URI(text);
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && UriRules.isLoopback(uri.getHost());
            if (uri.getHost() != null && (https || loopbackHttp) && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        problems.add(described + " must be an absolute https URL (http only for a loopback host), without fragment");
        return null;
    }

    /**
     * The app's external URL: redirect URIs are made from it and cookies are secured by its scheme, so it must be an
     * origin the browser really uses (https, or http on loopback) and a base that paths can follow.
     */
    private URI baseUrl(String text) {
        try {
            URI uri = new URI(text);
            String problem = io.github.passage4j.oidc.UriRules.problemWith(uri);
            if (problem == null && (uri.getRawQuery() != null || uri.getRawUserInfo() != null)) {
                problem = "must not have a query or user info";
            }
            if (problem == null) {
                return uri;
            }
            problems.add(describe("baseUrl") + " " + problem + ", e.g. https://app.example.com");
        } catch (URISyntaxException malformed) {
            problems.add(describe("baseUrl") + " is not a valid URL, e.g. https://app.example.com");
        }
        return null;
    }

    private String appId(String text) {
        if (!APP_ID.matcher(text).matches()) {
            problems.add(describe("appId") + " must consist of letters, digits, '-' and '_'");
            return null;
        }
        return text;
    }

    private Set<String> bearerAudiences(String[] annotationValue, String clientId, String appId) {
        Optional<String> configured = config.value(key("bearerAudiences"));
        List<String> given = configured
                .map(text -> Arrays.asList(text.split("\\s*,\\s*")))
                .orElseGet(() -> Arrays.stream(annotationValue).map(value -> evaluate("bearerAudiences", value)).toList());
        Set<String> audiences = new LinkedHashSet<>();
        given.stream().filter(value -> value != null && !value.isBlank()).map(String::strip).forEach(audiences::add);
        if (audiences.isEmpty()) {
            // the default: tokens issued for this client, and element tokens of this app
            if (clientId != null) {
                audiences.add(clientId);
            }
            if (appId != null) {
                audiences.add(appId);
            }
        }
        return audiences;
    }

    private String path(String attribute, Optional<String> value) {
        String text = required(attribute, value);
        if (text != null && (!text.startsWith("/") || text.startsWith("//") || text.contains("?"))) {
            problems.add(describe(attribute) + " must be a path of the app starting with /");
            return null;
        }
        return text;
    }

    private boolean bool(String attribute, boolean annotationValue) {
        Optional<String> configured = config.value(key(attribute));
        if (configured.isEmpty()) {
            return annotationValue;
        }
        String text = configured.get().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        problems.add(describe(attribute) + " must be true or false");
        return annotationValue;
    }

    private int positive(String attribute, int annotationValue, int minimum) {
        Optional<String> configured = config.value(key(attribute));
        int value = annotationValue;
        if (configured.isPresent()) {
            try {
                value = Integer.parseInt(configured.get().strip());
            } catch (NumberFormatException notANumber) {
                problems.add(describe(attribute) + " must be a whole number");
                return annotationValue;
            }
        }
        if (value < minimum) {
            problems.add(describe(attribute) + " must be at least " + minimum);
        }
        return value;
    }
}
