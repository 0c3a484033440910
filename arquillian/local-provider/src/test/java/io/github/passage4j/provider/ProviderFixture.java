package io.github.passage4j.provider;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The life of a test class's provider in one place: started with the test client, alice and bob when the class is
 * initialised, its behaviour reset after each test (so that no switch leaks into the next), closed after the last.
 * Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProviderFixture fixture = new ProviderFixture();
 * }</pre>
 */
final class ProviderFixture implements AfterEachCallback, AfterAllCallback {

    // started when the test class is initialised, so that the class can keep the provider in static final fields
    private final LocalPassageProvider provider = TestClient.startProvider();
    private final TestClient client = new TestClient(provider);

    @Override
    public void afterEach(ExtensionContext context) {
        provider.behaviour().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        provider.close();
    }

    /** @return the started provider */
    LocalPassageProvider provider() {
        return provider;
    }

    /** @return a client of the provider, as the test client */
    TestClient client() {
        return client;
    }
}
