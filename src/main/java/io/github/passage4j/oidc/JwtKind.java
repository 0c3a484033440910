package io.github.passage4j.oidc;

import java.util.Locale;
import java.util.Set;

/**
 * The kinds of JWT this package validates, with what differs between them in the checks they
 * share (form, header, algorithm, signature): their name in messages, the specification step each
 * check enforces, and which {@code typ} header values they accept.
 *
 * <p>{@code typ} values are compared as media types (RFC 7515 4.1.9): without regard to case, and
 * with an omitted {@code application/} prefix implied.
 */
enum JwtKind {

    /**
     * OIDC Core 3.1.3.7. Any {@code typ} is accepted except those that mark another kind of token
     * (RFC 8725 3.11: explicit typing keeps one kind of JWT from being taken for another).
     */
    ID_TOKEN("ID token", "OIDC Core 2", "OIDC Core 3.1.3.7 step 1", "OIDC Core 3.1.3.7 step 6",
            "OIDC Core 3.1.3.7 step 6", "OIDC Core 3.1.3.7 step 7", "OIDC Core 3.1.3.7 step 8", "RFC 8725 3.11",
            null, Set.of("application/at+jwt", "application/logout+jwt")),

    /**
     * RFC 9068 4, relaxed on {@code typ}: besides {@code at+jwt}, a missing {@code typ} or plain
     * {@code JWT} is accepted, since many issuers (Passage's element tokens among them) do not type
     * their access tokens; any other value, e.g. {@code logout+jwt}, marks another kind of token.
     */
    ACCESS_TOKEN("access token", "RFC 9068 2", "RFC 9068 4 step 2", "RFC 9068 4 step 5", "RFC 9068 4 step 5",
            "RFC 9068 4 step 5", "RFC 9068 4 step 5", "RFC 9068 4 step 1",
            Set.of("application/at+jwt", "application/jwt"), Set.of()),

    /**
     * OpenID Connect Back-Channel Logout 1.0 2.4 and 2.6. Only a missing {@code typ} or
     * {@code logout+jwt} is accepted: the spec recommends explicit typing of logout tokens
     * (section 4.1), and a token typed as anything else was not meant as a logout token.
     */
    LOGOUT_TOKEN("logout token", "Back-Channel Logout 2.4", "Back-Channel Logout 2.6 step 1",
            "Back-Channel Logout 2.6 step 3", "Back-Channel Logout 2.6 step 2", "Back-Channel Logout 2.6 step 3",
            "Back-Channel Logout 2.6 step 2", "Back-Channel Logout 4.1",
            Set.of("application/logout+jwt"), Set.of()),

    /**
     * A signed userinfo response (OIDC Core 5.3.2, {@code application/jwt}): signed by the keys and with the
     * algorithms accepted for ID tokens; like an ID token, any {@code typ} except those of another kind of token.
     */
    USERINFO("userinfo response", "OIDC Core 5.3.2", "OIDC Core 5.3.2", "OIDC Core 5.3.2", "OIDC Core 5.3.2",
            "OIDC Core 5.3.2", "OIDC Core 10.1", "RFC 8725 3.11",
            null, Set.of("application/at+jwt", "application/logout+jwt"));

    private static final String AT_JWT = "application/at+jwt";

    private final String displayName;
    private final String formStep;
    private final String encryptedStep;
    private final String unsignedStep;
    private final String signatureStep;
    private final String algorithmStep;
    private final String hmacStep;
    private final String typStep;
    /** The accepted typ values besides absence, normalised; null means any not in {@link #rejectedTypes}. */
    private final Set<String> acceptedTypes;
    private final Set<String> rejectedTypes;

    JwtKind(String displayName, String formStep, String encryptedStep, String unsignedStep, String signatureStep,
            String algorithmStep, String hmacStep, String typStep, Set<String> acceptedTypes, Set<String> rejectedTypes) {
        this.displayName = displayName;
        this.formStep = formStep;
        this.encryptedStep = encryptedStep;
        this.unsignedStep = unsignedStep;
        this.signatureStep = signatureStep;
        this.algorithmStep = algorithmStep;
        this.hmacStep = hmacStep;
        this.typStep = typStep;
        this.acceptedTypes = acceptedTypes;
        this.rejectedTypes = rejectedTypes;
    }

    /** The name used in messages, e.g. "ID token". */
    String displayName() {
        return displayName;
    }

    /** The step requiring a well-formed JWS with a JSON object as payload. */
    String formStep() {
        return formStep;
    }

    /** The step about encrypted tokens, which this client never registers for. */
    String encryptedStep() {
        return encryptedStep;
    }

    /** The step forbidding alg none. */
    String unsignedStep() {
        return unsignedStep;
    }

    /** The step requiring a valid signature by a key of the issuer's JWK Set. */
    String signatureStep() {
        return signatureStep;
    }

    /** The step restricting the algorithm to the expected ones. */
    String algorithmStep() {
        return algorithmStep;
    }

    /** The step defining how an HMAC signature is keyed. */
    String hmacStep() {
        return hmacStep;
    }

    /** The step about the {@code typ} header. */
    String typStep() {
        return typStep;
    }

    /** Whether a token of this kind may carry this {@code typ} header value; null means absent. */
    boolean acceptsType(String typ) {
        if (typ == null) {
            return true;
        }
        String mediaType = mediaType(typ);
        return acceptedTypes == null ? !rejectedTypes.contains(mediaType) : acceptedTypes.contains(mediaType);
    }

    /**
     * Whether the {@code typ} header explicitly marks a JWT access token (RFC 9068 2.1: {@code at+jwt}); null means
     * absent.
     */
    static boolean isExplicitAccessTokenType(String typ) {
        return typ != null && AT_JWT.equals(mediaType(typ));
    }

    /** RFC 7515 4.1.9: compared without regard to case, a typ without '/' read as if "application/" were prepended. */
    private static String mediaType(String typ) {
        String mediaType = typ.toLowerCase(Locale.ROOT);
        return mediaType.indexOf('/') < 0 ? "application/" + mediaType : mediaType;
    }
}
