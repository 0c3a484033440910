package io.github.passage4j.examples.hello;

import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local Passage provider and the built {@code hello-passage.war} on Payara Micro, started once for all the
 * example's integration tests ({@code @ExtendWith(ExampleServers.class)}, or registered with {@code @RegisterExtension})
 * and stopped when the last of them is done: one Payara Micro boot instead of one per test class.
 */
final class ExampleServers implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final String CLIENT_ID = "hello-passage";

    /** The local provider: the example's client, alice (an admin, see HELLO_ADMIN_EMAILS) and bob. */
    static final LocalPassageProviderExtension PASSAGE = LocalPassageProviderExtension.builder()
            .client(CLIENT_ID, "example-test-secret")
            .user(PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true)
                    .phone("+15555550100").phoneVerified(true).build())
            .user("user-bob", "bob@example.com")
            .sharedAcrossTestClasses()
            .build();

    private static volatile ExampleServers started;

    private PayaraMicroApp app;

    /** The servers, once the extension has run for the current test class. */
    static ExampleServers get() {
        ExampleServers servers = started;
        if (servers == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(ExampleServers.class)");
        }
        return servers;
    }

    LocalPassageProvider provider() {
        return PASSAGE.provider();
    }

    PayaraMicroApp app() {
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ExampleServers.class, key -> startServers(), ExampleServers.class);
    }

    private static ExampleServers startServers() {
        ExampleServers servers = new ExampleServers();
        try {
            Map<String, String> environment = new LinkedHashMap<>(PASSAGE.environment());   // starts the provider
            environment.put("HELLO_ADMIN_EMAILS", "alice@example.com");
            // the account page asks for the local provider's second factor, which a plain sign-in does not give
            environment.put("PASSAGE_STEP_UP", "/account?acr_values=" + LocalPassageProvider.ACR_MFA);
            Path target = Path.of("target");
            servers.app = PayaraMicroApp.start(target.resolve("payara-micro.jar"), target.resolve("hello-passage.war"),
                    Path.of("src/demo/payara-preboot.asadmin"), environment,
                    Files.createDirectories(target.resolve("it")).resolve("payara-micro.log"));
            return servers;
        } catch (Exception failure) {
            try {
                servers.close();
            } catch (Exception stopping) {
                failure.addSuppressed(stopping);
            }
            throw new IllegalStateException("could not start the local provider and Payara Micro", failure);
        }
    }

    @Override
    public void close() throws Exception {
        started = null;
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            PASSAGE.close();
        }
    }
}
