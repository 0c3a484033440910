package io.github.passage4j.oidc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FAPI 2.0 5.2.2 against a real TLS server on loopback: what it offers decides whether the handshake succeeds. */
class TlsRulesTest {

    @TempDir
    Path directory;

    @Test
    void onlyTls12And13WithAeadSuitesAreOffered() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        var parameters = TlsRules.fapi2(context);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), Arrays.asList(parameters.getProtocols()));
        assertTrue(Arrays.stream(parameters.getCipherSuites()).allMatch(suite -> suite.contains("_GCM_")
                || suite.contains("CHACHA20")), Arrays.toString(parameters.getCipherSuites()));
        assertEquals("HTTPS", parameters.getEndpointIdentificationAlgorithm());
    }

    @Test
    void aServerThatOffersOnlyACbcSuiteOverTls12IsRefused() throws Exception {
        assertThrows(SSLHandshakeException.class,
                () -> handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}));
    }

    @Test
    void aServerWithABcp195SuiteOverTls12OrTls13IsAccepted() throws Exception {
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}));
        assertFalse(handshake(new String[] {"TLSv1.3"}, new String[] {"TLS_AES_128_GCM_SHA256"}).isEmpty());
    }

    /** A server with the given protocols and suites; the client under the FAPI 2.0 rules. Returns the suite agreed. */
    private String handshake(String[] serverProtocols, String[] serverSuites) throws Exception {
        Path store = directory.resolve("server-" + System.nanoTime() + ".p12");
        TestSupport.keyStore(store, "RSA", "CN=localhost", "changeit");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setEnabledProtocols(serverProtocols);
            server.setEnabledCipherSuites(serverSuites);
            Thread serving = new Thread(() -> serveOnce(server), "tls-rules-test-server");
            serving.setDaemon(true);
            serving.start();
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.setSSLParameters(TlsRules.fapi2(clientContext));
                client.setSoTimeout(60_000);
                client.startHandshake();
                return client.getSession().getCipherSuite();
            }
        }
    }

    private static void serveOnce(SSLServerSocket server) {
        try (SSLSocket accepted = (SSLSocket) server.accept()) {
            accepted.setSoTimeout(60_000);
            accepted.startHandshake();
            OutputStream out = accepted.getOutputStream();
            out.write("ok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException expectedWhenTheClientRefuses) {
            // the client ends the handshake
        }
    }
}
