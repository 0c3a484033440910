package io.github.passage4j.testkit;

import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.Fault;
import io.github.passage4j.provider.LocalPassageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension's callbacks driven by hand: who closes the provider, and when. */
class ExtensionLifecycleTest {

    @Test
    void closedAfterAllOfTheClassThatStartedItOnly() {
        LocalPassageProviderExtension extension = LocalPassageProviderExtension.builder().defaultUsers().build();
        ExtensionContext outer = context("[class:Outer]", null);
        ExtensionContext nested = context("[class:Outer]/[nested-class:Inner]", outer);
        extension.beforeAll(outer);
        LocalPassageProvider provider = extension.provider();
        extension.beforeAll(nested);
        extension.afterAll(nested);
        assertSame(provider, extension.provider(), "a nested class's end does not stop its outer class's provider");
        extension.afterAll(outer);
        assertTrue(extension.toString().contains("not started"), extension.toString());
        assertThrows(IllegalStateException.class, provider::start, "closed for good");
        assertNotSame(provider, extension.provider(), "a later use starts a new one");
        extension.close();
    }

    @Test
    void afterEachResetsTheBehaviour() {
        LocalPassageProviderExtension extension = new LocalPassageProviderExtension();
        try {
            LocalPassageProvider provider = extension.provider();
            provider.behaviour().fail(Endpoint.TOKEN, Fault.serverError()).refreshTokens(true);
            extension.afterEach(context("[test:x]", null));
            assertEquals(200, new PassageBrowser().get(provider.endpoint(Endpoint.DISCOVERY)).statusCode());
            assertEquals(LocalPassageProviderExtension.DEFAULT_CLIENT_ID, extension.settings().clientId());
            assertEquals(2, provider.users().size(), "alice and bob by default");
        } finally {
            extension.close();
        }
    }

    @Test
    void aSharedProviderIsClosedWhenTheRunEnds() throws Throwable {
        LocalPassageProviderExtension extension = LocalPassageProviderExtension.builder().sharedAcrossTestClasses()
                .build();
        Map<Object, Object> rootStore = new HashMap<>();
        ExtensionContext root = context("[engine:junit-jupiter]", null, rootStore);
        ExtensionContext first = context("[class:First]", root);
        ExtensionContext second = context("[class:Second]", root);
        extension.beforeAll(first);
        LocalPassageProvider provider = extension.provider();
        extension.afterAll(first);
        extension.beforeAll(second);
        extension.afterAll(second);
        assertSame(provider, extension.provider(), "kept across test classes");
        assertEquals(1, rootStore.size());
        ((ExtensionContext.Store.CloseableResource) rootStore.values().iterator().next()).close();
        assertTrue(extension.toString().contains("not started"));
    }

    @Test
    void aFixedPortAndTheEnvironmentsSettings() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PassageSettings fromServer = PassageSettings.fromEnvironment(Map.of(
                "PASSAGE_SECOND_ISSUER", "http://127.0.0.1:" + port,
                "PASSAGE_SECOND_CLIENT_ID", "app", "PASSAGE_SECOND_CLIENT_SECRET", "s"), "second");
        LocalPassageProviderExtension extension = LocalPassageProviderExtension.builder().settings(fromServer).build();
        try {
            assertEquals(URI.create("http://127.0.0.1:" + port), extension.issuer());
            assertEquals(fromServer, extension.settings());
            assertEquals("app", extension.settingsMap().get("passage.second.client-id"));
            assertEquals("s", extension.environment().get("PASSAGE_SECOND_CLIENT_SECRET"));
        } finally {
            extension.close();
        }
    }

    private static ExtensionContext context(String uniqueId, ExtensionContext parent) {
        return context(uniqueId, parent, new HashMap<>());
    }

    /** Just enough of an ExtensionContext: unique id, parent, root, and a store backed by a map. */
    private static ExtensionContext context(String uniqueId, ExtensionContext parent, Map<Object, Object> storeMap) {
        ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(
                ExtensionLifecycleTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.Store.class},
                (self, method, args) -> {
                    if (method.getName().equals("getOrComputeIfAbsent") && args.length == 3) {
                        @SuppressWarnings("unchecked")
                        java.util.function.Function<Object, Object> compute =
                                (java.util.function.Function<Object, Object>) args[1];
                        return storeMap.computeIfAbsent(args[0], compute);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ExtensionContext[] self = new ExtensionContext[1];
        self[0] = (ExtensionContext) Proxy.newProxyInstance(ExtensionLifecycleTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUniqueId" -> uniqueId;
                    case "getParent" -> Optional.ofNullable(parent);
                    case "getRoot" -> parent == null ? self[0] : parent.getRoot();
                    case "getStore" -> store;
                    case "toString" -> uniqueId;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return self[0];
    }
}
