package io.github.passage4j.provider;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's side of signed userinfo (OIDC Core 5.3.2) and encrypted ID tokens and userinfo (OIDC Core 10.2),
 * as {@link Behaviour} switches them: a userinfo answer as an {@code application/jwt} signed with the current
 * signing key (RS256, {@code iss}, {@code aud}), and ID tokens and userinfo encrypted to the client's {@code use: enc}
 * key, from its registered {@code jwks_uri} or {@code jwks}, or the key given to
 * {@link Behaviour#clientEncryptionKey(JWK)}. The JWE's {@code alg} is the key's own, else {@code RSA-OAEP-256} for
 * RSA and {@code ECDH-ES} for EC; {@code enc} is {@code A256GCM}; a signed token inside is a nested JWT
 * ({@code cty: JWT}). The hostile switches break exactly one of these.
 */
final class ProtectedResponses {

    /** What discovery announces for encryption, and what the provider can do. */
    static final List<String> ENCRYPTION_ALGORITHMS = List.of("RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A256KW");
    static final List<String> ENCRYPTION_METHODS = List.of("A256GCM");
    static final List<String> USERINFO_SIGNING_ALGORITHMS = List.of("RS256");

    private final ProviderState state;

    ProtectedResponses(ProviderState state) {
        this.state = state;
    }

    /** OIDC Discovery 3: what a client may register for signed and encrypted responses. */
    static void announce(Map<String, Object> discovery) {
        discovery.put("userinfo_signing_alg_values_supported", USERINFO_SIGNING_ALGORITHMS);
        discovery.put("id_token_encryption_alg_values_supported", ENCRYPTION_ALGORITHMS);
        discovery.put("id_token_encryption_enc_values_supported", ENCRYPTION_METHODS);
        discovery.put("userinfo_encryption_alg_values_supported", ENCRYPTION_ALGORITHMS);
        discovery.put("userinfo_encryption_enc_values_supported", ENCRYPTION_METHODS);
    }

    /** OIDC Core 3.1.3.7 step 1: the signed ID token, encrypted to the client when the behaviour says so. */
    String idToken(String clientId, String signedIdToken) {
        Behaviour behaviour = state.behaviour;
        if (!behaviour.encryptIdTokens() || behaviour.unencryptedIdTokens()) {
            return signedIdToken;
        }
        return encrypt(clientId, signedIdToken, true);
    }

    /** OIDC Core 5.3.2: the userinfo answer, as JSON, a signed JWT, an encrypted one, or signed then encrypted. */
    Response userinfo(String clientId, Map<String, Object> claims) {
        Behaviour behaviour = state.behaviour;
        if (!behaviour.signedUserinfo() && !behaviour.encryptUserinfo()) {
            return Response.json(200, claims).noStore();
        }
        String content = behaviour.signedUserinfo() ? signedUserinfo(clientId, claims)
                : JSONObjectUtils.toJSONString(claims);
        String body = behaviour.encryptUserinfo() ? encrypt(clientId, content, behaviour.signedUserinfo()) : content;
        return Response.raw(200, "application/jwt", body).noStore();
    }

    private String signedUserinfo(String clientId, Map<String, Object> claims) {
        Behaviour behaviour = state.behaviour;
        RSAKey current = state.keys.current();
        Map<String, Object> signed = new LinkedHashMap<>(claims);
        // OIDC Core 5.3.2: a signed response SHOULD contain iss and aud; the hostile switches change exactly one
        signed.put("iss", behaviour.userinfoFromAnotherIssuer() ? state.issuer + HostileCase.OTHER_ISSUER_SUFFIX
                : state.issuer);
        signed.put("aud", behaviour.userinfoForAnotherAudience() ? HostileCase.UNTRUSTED_CLIENT : clientId);
        // another key under the current kid: only a relying party that verifies the signature notices
        RSAKey signingKey = behaviour.userinfoSignedByAnotherKey() ? HostileKeys.attackerRsa() : current;
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(current.getKeyID())
                    .type(JOSEObjectType.JWT).build();
            com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(header, new Payload(signed));
            jws.sign(new RSASSASigner(signingKey));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the userinfo response", e);
        }
    }

    private String encrypt(String clientId, String content, boolean nested) {
        JWK recipient = recipient(clientId);
        JWEAlgorithm algorithm = recipient.getAlgorithm() != null ? JWEAlgorithm.parse(recipient.getAlgorithm()
                .getName()) : KeyType.RSA.equals(recipient.getKeyType()) ? JWEAlgorithm.RSA_OAEP_256
                : JWEAlgorithm.ECDH_ES;
        JWK target = state.behaviour.encryptToAnotherKey() ? OtherKeys.like(recipient) : recipient;
        JWEHeader.Builder header = new JWEHeader.Builder(algorithm, EncryptionMethod.A256GCM).keyID(
                recipient.getKeyID());
        if (nested) {
            // RFC 7519 5.2: the content is itself a JWT
            header.contentType("JWT");
        }
        try {
            JWEEncrypter encrypter = target instanceof RSAKey rsa ? new RSAEncrypter(rsa.toRSAPublicKey())
                    : new ECDHEncrypter(((ECKey) target).toECPublicKey());
            JWEObject jwe = new JWEObject(header.build(), new Payload(content));
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt to the client's key " + recipient.getKeyID(), e);
        }
    }

    /** The client's encryption key: the behaviour's, else the first {@code use: enc} key it registered. */
    private JWK recipient(String clientId) {
        JWK given = state.behaviour.clientEncryptionKey();
        if (given != null) {
            return given;
        }
        URI jwksUri = state.behaviour.clientJwksUri(clientId);
        JWKSet keys = jwksUri != null ? ClientKeySets.fetch(jwksUri) : state.behaviour.clientJwks(clientId);
        if (keys != null) {
            for (JWK key : keys.getKeys()) {
                if (KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
                    return key;
                }
            }
        }
        throw new IllegalStateException("encryption is on, but client " + clientId + " has no use:enc key in its "
                + "jwks_uri or jwks and none was given to Behaviour.clientEncryptionKey");
    }

    /** Keys of the client's key types that are not the client's, for {@link Behaviour#encryptToAnotherKey}. */
    private static final class OtherKeys {
        private static final RSAKey RSA = generateRsa();
        private static final ECKey P256 = generateEc(com.nimbusds.jose.jwk.Curve.P_256);

        static JWK like(JWK key) {
            if (key instanceof ECKey ec) {
                return com.nimbusds.jose.jwk.Curve.P_256.equals(ec.getCurve()) ? P256 : generateEc(ec.getCurve());
            }
            return RSA;
        }

        private static RSAKey generateRsa() {
            try {
                return new RSAKeyGenerator(2048).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static ECKey generateEc(com.nimbusds.jose.jwk.Curve curve) {
            try {
                return new ECKeyGenerator(curve).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
