package io.github.passage4j.it.tokens;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.Pages;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.Behaviour;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed userinfo (OIDC Core 5.3.2) and encrypted ID tokens and userinfo (OIDC Core 10.2) on a real server: the app
 * publishes its decryption key at {@code /passage/jwks/tokens} ({@code use: enc}), its own provider fetches it from
 * there (as one that registered the client by {@code jwks_uri}) and encrypts ID tokens and userinfo to it; the
 * sign-in succeeds and the userinfo claims show. Each hostile answer (a JWE to another key, an ID token left
 * unencrypted, userinfo signed by another key, for another audience, from another issuer, or not signed at all)
 * makes the sign-in fail with a 4xx page that names no check. One deployment, one provider of its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncryptedTokensIT {

    /** A claim only userinfo carries, so the page shows that userinfo's claims were taken. */
    static final String USERINFO_ONLY_CLAIM = "userinfo_marker";
    private static final String CLIENT_ID = "encrypted-tokens-client";
    private static final String CLIENT_SECRET = "encrypted-tokens-secret-0123456789";
    private static final WebXml WEB_XML = WebXml.protecting("/protected");
    /** Made once per test JVM; only the deployment's configuration holds its private half. */
    private static final RSAKey DECRYPTION_KEY = decryptionKey();

    private static LocalPassageProvider provider;

    private static synchronized LocalPassageProvider provider() {
        if (provider == null) {
            provider = LocalPassageProvider.builder().client(CLIENT_ID, CLIENT_SECRET)
                    .user(LocalPassageProviderExtension.ALICE).build().start();
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "passage-it-tokens-provider-shutdown"));
        }
        return provider;
    }

    private static RSAKey decryptionKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("tokens-enc").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        String prefix = "passage." + EncryptedTokensDefinition.NAME + ".";
        WebArchive war = Deployments.war("tokens")
                .addClasses(EncryptedTokensDefinition.class, EncryptedTokensServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.withConfig(war, Map.of(
                prefix + "issuer", provider().issuer().toString(),
                prefix + "client-id", CLIENT_ID,
                prefix + "client-secret", CLIENT_SECRET,
                prefix + "decryption-key", DECRYPTION_KEY.toJSONString(),
                prefix + "id-token-encrypted", "true",
                prefix + "userinfo", "signed"));
    }

    @ArquillianResource
    URL base;

    private URI app(String path) {
        return Deployments.base(base, "tokens").resolve(path);
    }

    /** As registered: encrypted ID tokens and userinfo (to the app's published key), signed userinfo. */
    @BeforeEach
    void registerTheClient() {
        provider().behaviour().reset();
        provider().behaviour()
                .clientJwksUri(CLIENT_ID, app("passage/jwks/" + EncryptedTokensDefinition.NAME))
                .encryptIdTokens(true)
                .encryptUserinfo(true)
                .signedUserinfo(true)
                .userinfoClaims(claims -> {
                    claims.put(USERINFO_ONLY_CLAIM, "from-userinfo");
                    return claims;
                });
    }

    @AfterEach
    void resetProvider() {
        provider().behaviour().reset();
    }

    @Test
    void theAppPublishesItsDecryptionKeyForEncryption() throws Exception {
        HttpResponse<String> published = new PassageBrowser().get(app("passage/jwks/" + EncryptedTokensDefinition.NAME));
        assertEquals(200, published.statusCode());
        JWK key = JWKSet.parse(published.body()).getKeyByKeyId("tokens-enc");
        assertEquals(KeyUse.ENCRYPTION, key.getKeyUse());
        assertEquals("RSA-OAEP-256", key.getAlgorithm().getName());
        assertFalse(key.isPrivate());
        assertFalse(published.body().contains("\"d\""), published.body());
    }

    @Test
    void aSignInWithAnEncryptedIdTokenAndSignedEncryptedUserinfoShowsTheClaims() {
        Map<String, String> page = Pages.lines(new PassageBrowser().signIn(app("protected"), TestProvider.ALICE));
        assertEquals(TestProvider.ALICE, page.get("name"));
        assertEquals("from-userinfo", page.get("userinfo_marker"), "userinfo's claims were verified and taken");
        // RP-Initiated Logout 2: the kept ID token (the later id_token_hint) is the signed one inside the JWE
        assertEquals("3", page.get("idTokenSegments"));
    }

    @Test
    void signedUserinfoWithoutEncryptionIsAcceptedToo() {
        provider().behaviour().encryptUserinfo(false);
        Map<String, String> page = Pages.lines(new PassageBrowser().signIn(app("protected"), TestProvider.ALICE));
        assertEquals("from-userinfo", page.get("userinfo_marker"));
    }

    @Test
    void aJweToAnotherKeyFailsTheSignIn() {
        assertSignInRefused(behaviour -> behaviour.encryptToAnotherKey(true));
    }

    @Test
    void anUnencryptedIdTokenAlthoughEncryptionWasRegisteredFailsTheSignIn() {
        assertSignInRefused(behaviour -> behaviour.unencryptedIdTokens(true));
    }

    @Test
    void userinfoSignedByAnotherKeyFailsTheSignIn() {
        assertSignInRefused(behaviour -> behaviour.userinfoSignedByAnotherKey(true));
    }

    @Test
    void userinfoForAnotherAudienceFailsTheSignIn() {
        assertSignInRefused(behaviour -> behaviour.userinfoForAnotherAudience(true));
    }

    @Test
    void userinfoFromAnotherIssuerFailsTheSignIn() {
        assertSignInRefused(behaviour -> behaviour.userinfoFromAnotherIssuer(true));
    }

    @Test
    void unsignedUserinfoFailsTheSignInWhenSignedWasRegistered() {
        assertSignInRefused(behaviour -> behaviour.signedUserinfo(false).encryptUserinfo(false));
    }

    /** The one hostile switch makes the sign-in end on a 4xx page without detail, and nobody is signed in. */
    private void assertSignInRefused(Consumer<Behaviour> hostile) {
        hostile.accept(provider().behaviour());
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> refused = browser.signIn(app("protected"), TestProvider.ALICE);
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + ": "
                + refused.body());
        assertFalse(refused.body().contains("OIDC Core"), "no validation detail in the response: " + refused.body());
        assertFalse(refused.body().contains("Exception"), "no stack trace: " + refused.body());
        registerTheClient();
        assertEquals(302, browser.get(app("protected")).statusCode(), "not signed in");
    }
}
