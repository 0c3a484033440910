package io.github.passage4j.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extracts the signature verification keys from a JWK Set document (RFC 7517 section 5).
 *
 * <p>Each member of {@code keys} is parsed on its own: a provider may publish key types or
 * parameters Nimbus does not understand next to ordinary ones, and RFC 7517 5 asks to ignore such
 * keys rather than to reject the whole set. Keys meant for encryption only ({@code use} other than
 * {@code sig}, or {@code key_ops} without {@code verify}) and revoked keys are dropped. Only the
 * public part of a key is kept, in case a provider publishes private parameters by mistake.
 */
final class JwksDocument {

    private static final System.Logger LOG = System.getLogger(JwksDocument.class.getName());

    private JwksDocument() {
    }

    /**
     * @throws ParseException if the document is not a JSON object with a {@code keys} array
     */
    static List<JWK> verificationKeys(String document) throws ParseException {
        Map<String, Object> set = JSONObjectUtils.parse(document);
        if (!(set.get("keys") instanceof List<?> members)) {
            throw new ParseException("JWK Set has no keys array", 0);
        }
        List<JWK> keys = new ArrayList<>();
        for (Object member : members) {
            JWK key = parseMember(member);
            if (key != null && usableForVerification(key)) {
                keys.add(key.toPublicJWK());
            }
        }
        return List.copyOf(keys);
    }

    @SuppressWarnings("unchecked")
    private static JWK parseMember(Object member) {
        if (!(member instanceof Map<?, ?> object)) {
            LOG.log(Level.DEBUG, "Ignoring a JWK Set member that is not a JSON object");
            return null;
        }
        try {
            return JWK.parse((Map<String, Object>) object);
        } catch (ParseException | RuntimeException e) {
            // RFC 7517 5: implementations SHOULD ignore JWKs within a JWK Set that they do not understand
            LOG.log(Level.DEBUG, "Ignoring a JWK that cannot be parsed (kid {0})", object.get("kid"));
            return null;
        }
    }

    private static boolean usableForVerification(JWK key) {
        // RFC 7517 4.2: use "enc" keys must not verify signatures; absent use means any purpose
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        // RFC 7517 4.3: key_ops, when present, lists every operation the key is for
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        return key.getKeyRevocation() == null;
    }
}
