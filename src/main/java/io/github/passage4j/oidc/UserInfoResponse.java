package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the claims of a userinfo answer (OIDC Core 5.3.2): a JSON object ({@code application/json}), or a JWT
 * ({@code application/jwt}) that is signed, encrypted, or signed and then encrypted. A signed one is verified as
 * an ID token's signature is (the same allow-list, keys and key cache; never {@code alg: none}), then its
 * {@code iss} must be the issuer and its {@code aud} contain the client id. The {@code sub} check against the ID
 * token follows in {@link UserInfoEndpoint}.
 *
 * <p>Cheap checks first: the size was bounded by the HTTP client, the content type and shape are looked at before
 * any header is parsed, the header before any signature or decryption.
 */
final class UserInfoResponse {

    /** OIDC Core 5.3.2: the media type of a signed or encrypted userinfo response. */
    static final String JWT_MEDIA_TYPE = "application/jwt";

    private final SignedJwtVerifier verifier;
    private final TokenDecryption decryption;
    private final String clientId;
    private final boolean mustBeSigned;

    UserInfoResponse(SignedJwtVerifier verifier, TokenDecryption decryption, String clientId, boolean mustBeSigned) {
        this.verifier = verifier;
        this.decryption = decryption;
        this.clientId = clientId;
        this.mustBeSigned = mustBeSigned;
    }

    /** The claims of a successful answer; mutable Nimbus collections, copied by the caller. */
    Map<String, Object> claims(HttpAnswer answer, ProviderMetadata metadata)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (!isJwt(answer.header("Content-Type"))) {
            if (mustBeSigned || decryption.userinfoMustBeEncrypted()) {
                // OIDC Core 5.3.2: registered for a signed/encrypted response, so plain JSON is refused: anyone who
                // could strip the protection could choose the claims
                throw new ProviderRejectedException("OIDC Core 5.3.2: userinfo response is plain JSON although a "
                        + (mustBeSigned ? "signed" : "encrypted") + " response is configured");
            }
            return json(answer.bodyText());
        }
        String body = answer.bodyText().strip();
        if (body.length() > TokenDecryption.MAX_LENGTH) {
            // refused before any parser sees it: a real signed or encrypted userinfo response is a few kilobytes
            throw new ProviderRejectedException("OIDC Core 5.3.2: userinfo response JWT is longer than "
                    + TokenDecryption.MAX_LENGTH + " characters");
        }
        boolean encrypted = UnverifiedJwt.hasEncryptedShape(body);
        if (!encrypted && decryption.userinfoMustBeEncrypted()) {
            // OIDC Core 5.3.2 / 10.2: userinfo_encrypted_response_alg registered, so an unencrypted JWT is refused
            throw new ProviderRejectedException("OIDC Core 5.3.2: userinfo response is not encrypted although "
                    + "encrypted userinfo is configured");
        }
        if (encrypted && !decryption.canDecrypt()) {
            throw new ProviderRejectedException("OIDC Core 5.3.2: userinfo response is encrypted, but no decryption "
                    + "key is configured");
        }
        String content = encrypted ? decryption.userinfo(body) : body;
        if (encrypted && !looksSigned(content)) {
            if (mustBeSigned) {
                throw new ProviderRejectedException("OIDC Core 5.3.2: userinfo response is encrypted but not "
                        + "signed although a signed response is configured");
            }
            // OIDC Core 5.3.2: encrypted only, the plaintext is the JSON object of claims
            return json(content);
        }
        SignedJwtVerifier.VerifiedJwt verified = verifier.verify(content, null, metadata.jwksUri());
        Map<String, Object> claims = verified.claims();
        // OIDC Core 5.3.2: a signed response SHOULD contain iss and aud; we require them, else a response signed
        // for another client of the same provider, or by another issuer sharing keys, would be taken for ours
        if (!(claims.get("iss") instanceof String issuer) || !issuer.equals(metadata.issuer().toString())) {
            throw new ProviderRejectedException("OIDC Core 5.3.2: iss of the signed userinfo response is not the "
                    + "issuer");
        }
        if (!audienceContainsClient(claims.get("aud"))) {
            throw new ProviderRejectedException("OIDC Core 5.3.2: aud of the signed userinfo response does not "
                    + "contain the client id");
        }
        return claims;
    }

    private boolean audienceContainsClient(Object aud) {
        if (aud instanceof String single) {
            return single.equals(clientId);
        }
        return aud instanceof List<?> list && list.contains(clientId);
    }

    /** A nested JWT's plaintext is a JWS (three segments); a JSON object starts with a brace. */
    private static boolean looksSigned(String content) {
        return !content.stripLeading().startsWith("{");
    }

    private static boolean isJwt(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String type = contentType.get();
        int parameters = type.indexOf(';');
        // RFC 9110 8.3.1: type and subtype are case-insensitive; parameters such as charset do not change them
        return JWT_MEDIA_TYPE.equals((parameters < 0 ? type : type.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT));
    }

    private static Map<String, Object> json(String text) throws ProviderUnavailableException {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException notJson) {
            throw Failures.unavailable("userinfo answered with something other than a JSON object");
        }
    }
}
