package io.github.passage4j.it.support;

import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;

import java.net.URI;

/**
 * The local Passage-compatible provider every test of this JVM talks to. The server modules set
 * {@code PASSAGE_ISSUER}, {@code PASSAGE_CLIENT_ID} and {@code PASSAGE_CLIENT_SECRET} in the environment of the test
 * JVM, which the servers inherit: so the test apps are configured exactly as an operator would configure an app, and
 * this class starts the provider those variables name.
 */
public final class TestProvider {

    public static final String ALICE = "user-alice";
    public static final String BOB = "user-bob";

    private static LocalPassageProvider provider;
    private static LocalPassageProvider second;

    private TestProvider() {
    }

    public static synchronized LocalPassageProvider get() {
        if (provider == null) {
            provider = LocalPassageProvider.builder()
                    .host("127.0.0.1")
                    .port(URI.create(required("PASSAGE_ISSUER")).getPort())
                    .client(clientId(), required("PASSAGE_CLIENT_SECRET"))
                    .user(PassageUser.builder().sub(ALICE).email("alice@example.com").emailVerified(true)
                            .phone("+15555550100").phoneVerified(true).build())
                    .user(PassageUser.builder().sub(BOB).email("bob@example.com").emailVerified(false).build())
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
            second = LocalPassageProvider.builder()
                    .host("127.0.0.1")
                    .port(URI.create(required("PASSAGE_SECOND_ISSUER")).getPort())
                    .client(secondClientId(), required("PASSAGE_SECOND_CLIENT_SECRET"))
                    .user(PassageUser.builder().sub(ALICE).email("alice@example.com").emailVerified(true).build())
                    .user(PassageUser.builder().sub(BOB).email("bob@example.com").emailVerified(false).build())
                    .build()
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(second::close, "passage-it-second-provider-shutdown"));
        }
        return second;
    }

    /** The client id of the app's definition named {@code second}, at {@link #second()}. */
    public static String secondClientId() {
        return required("PASSAGE_SECOND_CLIENT_ID");
    }

    /** The client id the test apps are configured with. */
    public static String clientId() {
        return required("PASSAGE_CLIENT_ID");
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + variable + " is not set: run the suite "
                    + "through a server module (arquillian/wildfly or arquillian/payara)");
        }
        return value;
    }
}
