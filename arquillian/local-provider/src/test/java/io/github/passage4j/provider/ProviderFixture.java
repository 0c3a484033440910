package io.github.passage4j.provider;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The life of a test class's provider in one place: started with the test client, alice and bob before the first
 * test, its behaviour reset after each (so that no switch leaks into the next test), closed after the last. Register
 * it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProviderFixture fixture = new ProviderFixture();
 * }</pre>
 */
final class ProviderFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private LocalPassageProvider provider;
    private TestClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        provider = TestClient.startProvider();
        client = new TestClient(provider);
    }

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
