package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.TokenProtection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code userinfo = signed}, {@code decryptionKey}/{@code decryptionKeyAlias}, {@code tokenEncryptionAlg},
 * {@code idTokenEncrypted}, {@code userinfoEncrypted}: read at deployment, every contradiction named by its
 * {@code passage.*} key, and the decryption key published beside the signing key.
 */
class TokenProtectionSettingsTest {

    private static final String PASSWORD = "key-store-secret";

    @PassageAuthenticationDefinition(issuer = "https://provider.example", clientId = "app-client")
    static class Plain {
    }

    @PassageAuthenticationDefinition(issuer = "https://provider.example", clientId = "app-client",
            decryptionKey = "{\"kty\":\"RSA\"}")
    static class KeyInSource {
    }

    @TempDir
    Path directory;

    private final Map<String, String> config = new HashMap<>();

    private PassageSettings resolve(Class<?> type) throws InvalidSettingsException {
        config.putIfAbsent("passage.client-secret", "client-secret-from-config");
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        return new SettingsResolver(source, expression -> expression)
                .resolve(type.getAnnotation(PassageAuthenticationDefinition.class));
    }

    private TokenProtection protection() throws InvalidSettingsException {
        return resolve(Plain.class).client().protocol().tokenProtection();
    }

    private String refused() {
        return assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage();
    }

    private static String rsaJwk() throws Exception {
        return new RSAKeyGenerator(2048).keyID("enc-1").generate().toJSONString();
    }

    @Test
    void byDefaultNothingIsEncryptedAndUserinfoNeedNotBeSigned() throws Exception {
        assertEquals(TokenProtection.NONE, protection());
        assertEquals(SignInOptions.Userinfo.AUTO, resolve(Plain.class).signIn().userinfo());
    }

    @Test
    void userinfoSignedRequiresASignedAnswerAndStillFetchesIt() throws Exception {
        config.put("passage.userinfo", "signed");
        assertTrue(protection().signedUserinfo());
        assertEquals(SignInOptions.Userinfo.AUTO, resolve(Plain.class).signIn().userinfo());
        config.put("passage.userinfo", "sometimes");
        assertTrue(refused().contains("must be auto, skip or signed"));
    }

    @Test
    void anRsaDecryptionKeyFromConfigurationIsUsedWithRsaOaep256() throws Exception {
        config.put("passage.decryption-key", rsaJwk());
        config.put("passage.id-token-encrypted", "true");
        config.put("passage.userinfo-encrypted", "true");
        TokenProtection protection = protection();
        assertEquals("RSA-OAEP-256", protection.decryptionKey().algorithm().getName());
        assertEquals("enc-1", protection.decryptionKey().keyId());
        assertTrue(protection.encryptedIdTokens());
        assertTrue(protection.encryptedUserinfo());
    }

    @Test
    void anEcDecryptionKeyTakesTheConfiguredAlgorithm() throws Exception {
        config.put("passage.decryption-key", new ECKeyGenerator(Curve.P_256).generate().toJSONString());
        assertEquals("ECDH-ES", protection().decryptionKey().algorithm().getName());
        config.put("passage.token-encryption-alg", "ECDH-ES+A256KW");
        assertEquals("ECDH-ES+A256KW", protection().decryptionKey().algorithm().getName());
    }

    @Test
    void encryptionRequiredWithoutAKeyFailsTheDeploymentNamingBothSettings() {
        config.put("passage.id-token-encrypted", "true");
        String message = refused();
        assertTrue(message.contains("passage.id-token-encrypted") && message.contains("passage.decryption-key"),
                message);
        config.remove("passage.id-token-encrypted");
        config.put("passage.userinfo-encrypted", "true");
        assertTrue(refused().contains("passage.userinfo-encrypted"));
    }

    @Test
    void anRsaKeyWithEcdhEsFailsTheDeploymentNamingTheAlgorithmSetting() throws Exception {
        config.put("passage.decryption-key", rsaJwk());
        config.put("passage.token-encryption-alg", "ECDH-ES");
        String message = refused();
        assertTrue(message.contains("an RSA key decrypts with RSA-OAEP-256") && message.contains(
                "passage.token-encryption-alg"), message);
    }

    @Test
    void anUnknownAlgorithmOrAnAlgorithmWithoutKeyIsRefused() {
        config.put("passage.token-encryption-alg", "RSA1_5");
        assertTrue(refused().contains("passage.token-encryption-alg; environment variable PASSAGE_TOKEN_ENCRYPTION_ALG) must be RSA-OAEP-256, ECDH-ES or ECDH-ES+A256KW"));
        config.put("passage.token-encryption-alg", "RSA-OAEP-256");
        assertTrue(refused().contains("passage.token-encryption-alg; environment variable PASSAGE_TOKEN_ENCRYPTION_ALG) needs"));
    }

    @Test
    void aDecryptionKeyWrittenInSourceIsRefused() {
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyInSource.class)).getMessage();
        assertTrue(message.contains("passage.decryption-key; environment variable PASSAGE_DECRYPTION_KEY) must be given as configuration"), message);
    }

    @Test
    void theSigningKeyCannotDoubleAsDecryptionKey() throws Exception {
        String key = new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        config.put("passage.client-key", key);
        config.put("passage.decryption-key", key);
        assertTrue(refused().contains("must be another key than the client key"));
    }

    @Test
    void aDecryptionKeyAliasNamesAnEntryOfTheClientKeyStore() throws Exception {
        Path store = directory.resolve("client.p12");
        keytool("-genkeypair", "-alias", "sign", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=app",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-validity", "2");
        keytool("-genkeypair", "-alias", "decrypt", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=app",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-validity", "2");
        config.put("passage.client-key-store", store.toString());
        config.put("passage.client-key-store-password", PASSWORD);
        config.put("passage.client-key-alias", "sign");
        config.put("passage.decryption-key-alias", "decrypt");
        config.put("passage.id-token-encrypted", "true");
        PassageSettings settings = resolve(Plain.class);
        assertEquals("RSA-OAEP-256", settings.client().protocol().tokenProtection().decryptionKey().algorithm()
                .getName());

        // /passage/jwks: the signing key (use sig) and the decryption key (use enc), public halves, distinct kids
        ServletFakes.Response response = new ServletFakes.Response();
        new ClientJwks(settings).serve(ServletFakes.request("/passage/jwks").build(), response.build());
        String body = response.bytes.toString(StandardCharsets.UTF_8);
        List<JWK> keys = JWKSet.parse(body).getKeys();
        assertEquals(2, keys.size());
        assertEquals(KeyUse.SIGNATURE, keys.get(0).getKeyUse());
        assertEquals(KeyUse.ENCRYPTION, keys.get(1).getKeyUse());
        assertFalse(keys.get(0).getKeyID().equals(keys.get(1).getKeyID()));
        assertFalse(body.contains("\"d\""), body);

        config.remove("passage.client-key-store-password");
        assertTrue(refused().contains("passage.client-key-store-password"));
    }

    @Test
    void aDecryptionKeyAloneIsPublishedToo() throws Exception {
        config.put("passage.decryption-key", rsaJwk());
        ClientJwks jwks = new ClientJwks(resolve(Plain.class));
        assertTrue(jwks.isKeySetRequest(ServletFakes.request("/passage/jwks").build()));
        ServletFakes.Response response = new ServletFakes.Response();
        jwks.serve(ServletFakes.request("/passage/jwks").build(), response.build());
        JWK only = JWKSet.parse(response.bytes.toString(StandardCharsets.UTF_8)).getKeys().get(0);
        assertEquals(KeyUse.ENCRYPTION, only.getKeyUse());
        assertNotNull(only.getAlgorithm());

        config.remove("passage.decryption-key");
        assertFalse(new ClientJwks(resolve(Plain.class)).isKeySetRequest(ServletFakes.request("/passage/jwks").build()));
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(0, process.exitValue());
    }
}
