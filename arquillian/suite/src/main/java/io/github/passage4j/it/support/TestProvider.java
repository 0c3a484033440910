package io.github.passage4j.it.support;

import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import io.github.passage4j.testkit.PassageSettings;
import io.github.passage4j.testkit.TestCertificates;

import java.nio.file.Path;

/**
 * The local Passage-compatible provider every test of this JVM talks to. The server modules set
 * {@code PASSAGE_ISSUER}, {@code PASSAGE_CLIENT_ID} and {@code PASSAGE_CLIENT_SECRET} in the environment of the test
 * JVM, which the servers inherit: so the test apps are configured exactly as an operator would configure an app, and
 * this class starts the provider those variables name, with the test kit's {@link PassageSettings#fromEnvironment()}
 * (the kit's way for a server started before the tests).
 */
public final class TestProvider {

    public static final String ALICE = "user-alice";
    public static final String BOB = "user-bob";

    private static LocalPassageProvider provider;
    private static LocalPassageProvider second;
    private static LocalPassageProvider mutualTls;
    private static TestCertificates certificates;

    private TestProvider() {
    }

    public static synchronized LocalPassageProvider get() {
        if (provider == null) {
            provider = settings(null).providerBuilder()
                    .user(LocalPassageProviderExtension.ALICE)
                    .user(LocalPassageProviderExtension.BOB)
                    .build()
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "passage-it-provider-shutdown"));
        }
        return provider;
    }

    /**
     * A second provider, for apps with a second definition named {@code second}: it is the one
     * {@code PASSAGE_SECOND_ISSUER}, {@code PASSAGE_SECOND_CLIENT_ID} and {@code PASSAGE_SECOND_CLIENT_SECRET} name,
     * with its own keys and the same seeded users.
     */
    public static synchronized LocalPassageProvider second() {
        if (second == null) {
            second = settings("second").providerBuilder()
                    .user(PassageUser.builder().sub(ALICE).email("alice@example.com").emailVerified(true).build())
                    .user(PassageUser.builder().sub(BOB).email("bob@example.com").emailVerified(false).build())
                    .build()
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(second::close, "passage-it-second-provider-shutdown"));
        }
        return second;
    }

    /**
     * A third provider, with an HTTPS listener for mutual TLS (RFC 8705) beside its plain-HTTP issuer, for definitions
     * that authenticate by client certificate; the apps name it in their own configuration (it has no environment
     * variables). Its certificates are {@link #certificates()}.
     */
    public static synchronized LocalPassageProvider mutualTls() {
        if (mutualTls == null) {
            TestCertificates tls = certificates();
            mutualTls = LocalPassageProvider.builder()
                    .user(LocalPassageProviderExtension.ALICE)
                    .user(LocalPassageProviderExtension.BOB)
                    .mutualTls(tls.serverKeyStore(), tls.trustStore(), tls.password())
                    .build()
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(mutualTls::close, "passage-it-mtls-provider-shutdown"));
        }
        return mutualTls;
    }

    /**
     * The test CA, its trust store and the {@link #mutualTls()} provider's server keystore, shared by the test JVMs of
     * one build (the server modules run one after the other) in {@code arquillian/target/test-certificates}, since
     * making them takes a dozen keytool runs.
     */
    public static synchronized TestCertificates certificates() {
        if (certificates == null) {
            certificates = TestCertificates.reuseOrCreate(Path.of("..", "target", "test-certificates"));
        }
        return certificates;
    }

    /** The client id of the app's definition named {@code second}, at {@link #second()}. */
    public static String secondClientId() {
        return settings("second").clientId();
    }

    /** The client id the test apps are configured with. */
    public static String clientId() {
        return settings(null).clientId();
    }

    /** What the server modules point the test apps at: the unnamed definition's, or the definition {@code name}'s. */
    private static PassageSettings settings(String name) {
        try {
            return PassageSettings.fromEnvironment(name);
        } catch (IllegalStateException unset) {
            throw new IllegalStateException(unset.getMessage() + ": run the suite through a server module "
                    + "(arquillian/wildfly or arquillian/payara)", unset);
        }
    }
}
