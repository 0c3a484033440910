package io.github.passage4j.provider;

import com.nimbusds.jose.util.Base64URL;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificate-bound access tokens (RFC 8705 3): the {@code x5t#S256} thumbprint of the client certificate each token
 * issued over the mutual TLS listener is bound to, so that UserInfo takes it only with that certificate. A test
 * provider: the map is bounded by the tests' token count.
 */
final class CertificateBindings {

    private final Map<String, String> thumbprintByToken = new ConcurrentHashMap<>();

    /** RFC 8705 3.1: base64url(SHA-256(DER of the certificate)). */
    static String thumbprint(X509Certificate certificate) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    void bind(String token, String thumbprint) {
        thumbprintByToken.put(token, thumbprint);
    }

    /** @return the thumbprint {@code token} is bound to, or {@code null} when it is not certificate-bound */
    String boundThumbprint(String token) {
        return thumbprintByToken.get(token);
    }

    /**
     * RFC 8705 3: a bound token is taken only over a connection with the certificate it is bound to.
     *
     * @throws OAuthError {@code invalid_token} when the token is bound and the request lacks that certificate
     */
    void check(String token, Request request) {
        String bound = boundThumbprint(token);
        if (bound == null) {
            return;
        }
        X509Certificate presented = request.clientCertificate();
        if (presented == null) {
            throw OAuthError.invalidToken("RFC 8705 3: the access token is certificate-bound and no client "
                    + "certificate was presented");
        }
        if (!MessageDigest.isEqual(bound.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                thumbprint(presented).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidToken("RFC 8705 3: the access token is bound to another certificate (x5t#S256)");
        }
    }
}
