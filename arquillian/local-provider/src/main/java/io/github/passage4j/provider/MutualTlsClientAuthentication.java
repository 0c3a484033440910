package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/**
 * {@code tls_client_auth} and {@code self_signed_tls_client_auth} (RFC 8705 2), at the mutual TLS listener only:
 * the request names the client by {@code client_id} and the handshake's certificate proves it is that client.
 * {@code tls_client_auth} (2.1): the certificate chains to the listener's trusted CA and its subject is the DN
 * registered with {@link Behaviour#clientCertificateSubject(String, String)}, compared as distinguished names
 * (RFC 4514, so {@code CN=a, O=b} and {@code cn=a,o=b} are one name). {@code self_signed_tls_client_auth} (2.2):
 * the certificate's public key is one of the client's registered keys ({@link ProviderState#clientJwks}).
 */
final class MutualTlsClientAuthentication {

    static final String TLS_CLIENT_AUTH = "tls_client_auth";
    static final String SELF_SIGNED_TLS_CLIENT_AUTH = "self_signed_tls_client_auth";

    private MutualTlsClientAuthentication() {
    }

    /**
     * @param request a token, PAR or revocation request over the mutual TLS listener, with no other authentication
     * @param state   the provider
     * @return the authenticated client
     * @throws OAuthError {@code invalid_client} naming the RFC 8705 rule that failed
     */
    static RegisteredClient authenticate(Request request, ProviderState state) {
        // cheap checks first: the id and the certificate's presence, before any chain or key work
        String clientId = request.formParameter("client_id");
        if (clientId == null || clientId.isEmpty()) {
            throw OAuthError.invalidClient("RFC 8705 2: client_id is required with mutual TLS client authentication");
        }
        X509Certificate certificate = request.clientCertificate();
        if (certificate == null) {
            throw OAuthError.invalidClient("RFC 8705 2: no client certificate was presented in the TLS handshake");
        }
        RegisteredClient client = state.client(clientId);
        if (client == null) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
        Behaviour behaviour = state.behaviour;
        String subject = behaviour.clientCertificateSubject(clientId);
        // RFC 7591 2: a client registered for one method uses that one; else its registration tells which applies
        String registered = behaviour.clientAuthenticationMethod(clientId);
        String method = registered != null ? registered
                : subject != null ? TLS_CLIENT_AUTH : SELF_SIGNED_TLS_CLIENT_AUTH;
        // a client registered for a method other than the two mutual TLS ones is refused here, naming it
        RegisteredAuthenticationMethod.check(behaviour, clientId,
                SELF_SIGNED_TLS_CLIENT_AUTH.equals(method) ? SELF_SIGNED_TLS_CLIENT_AUTH : TLS_CLIENT_AUTH);
        if (!behaviour.acceptsTokenEndpointAuthMethod(method)) {
            throw OAuthError.invalidClient("RFC 8705 2: " + method + " is not accepted here");
        }
        if (method.equals(TLS_CLIENT_AUTH)) {
            if (subject == null) {
                throw OAuthError.invalidClient("RFC 8705 2.1.2: no subject DN is registered for the client");
            }
            // RFC 8705 2.1.2: tls_client_auth_subject_dn, compared as a distinguished name
            if (!new X500Principal(subject).equals(certificate.getSubjectX500Principal())) {
                throw OAuthError.invalidClient("RFC 8705 2.1.2: the certificate's subject is not the client's "
                        + "registered subject DN");
            }
            // RFC 8705 2.1: a PKI-bound certificate must chain to a trusted CA, else anyone could name the subject
            if (!state.mutualTls.issuedByTrustedCa(new X509Certificate[] {certificate})) {
                throw OAuthError.invalidClient("RFC 8705 2.1: the certificate is not issued by a trusted CA");
            }
            return client;
        }
        JWKSet keys = state.clientJwks(client);
        if (keys == null || !holdsKey(keys, certificate.getPublicKey())) {
            throw OAuthError.invalidClient("RFC 8705 2.2: the certificate's key is not among the client's "
                    + "registered keys");
        }
        return client;
    }

    private static boolean holdsKey(JWKSet registered, PublicKey presented) {
        byte[] encoded = presented.getEncoded();
        for (JWK key : registered.getKeys()) {
            if (key instanceof AsymmetricJWK asymmetric) {
                try {
                    if (MessageDigest.isEqual(encoded, asymmetric.toPublicKey().getEncoded())) {
                        return true;
                    }
                } catch (JOSEException unusable) {
                    // a key that cannot be a public key matches nothing
                }
            }
        }
        return false;
    }
}
