package io.github.passage4j.testkit;

import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JUnit 5 extension that runs a {@link LocalPassageProvider} for a test class: the local, Passage-compatible
 * OpenID provider on loopback, with one client (the app under test) and seeded users.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalPassageProviderExtension passage = LocalPassageProviderExtension.builder()
 *         .client("my-app", "test-secret")
 *         .user(PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true).build())
 *         .build();
 *
 * @Test
 * void profileNeedsSignIn(PassageBrowser browser, LocalPassageProvider provider) { ... }
 * }</pre>
 *
 * <ul>
 *   <li><b>Lifecycle.</b> The provider starts when first asked for ({@link #provider()}, {@link #settings()} and the
 *       other settings methods, e.g. from an Arquillian {@code @Deployment} method, which runs before any
 *       {@code beforeAll}), and at the latest before all tests of the class. After each test its
 *       {@link io.github.passage4j.provider.Behaviour} is reset (faults and hostile cases end; keys, clients, users
 *       and request counters stay). It is closed after all tests of the class that started it, or, with
 *       {@link Builder#sharedAcrossTestClasses()}, when the whole test run ends (one instance in a static field of a
 *       shared class, registered by several test classes).</li>
 *   <li><b>Parameters.</b> Test methods, lifecycle methods and constructors can take a {@link LocalPassageProvider}
 *       (the started provider), a {@link PassageSettings} (what points the app at it) and a {@link PassageBrowser}
 *       (a new browser profile, no cookies, per parameter). Register one such extension per test class, or JUnit
 *       reports competing parameter resolvers.</li>
 *   <li><b>Pointing the app at it.</b> {@link #settings()}, {@link #settingsMap()} ({@code passage.issuer},
 *       {@code passage.client-id}, {@code passage.client-secret}), {@link #environment()} ({@code PASSAGE_ISSUER},
 *       ...), {@link #systemProperties()} and {@link #microprofileConfigProperties()} (the text of a
 *       {@code META-INF/microprofile-config.properties} for a ShrinkWrap archive). For a server started before the
 *       tests, fix the port ({@link Builder#port(int)}) and configure the server with the same values, or let the
 *       server's environment decide: {@link Builder#settings(PassageSettings)} with
 *       {@link PassageSettings#fromEnvironment()}.</li>
 * </ul>
 *
 * <p>{@code @ExtendWith(LocalPassageProviderExtension.class)} works too: then the client is {@value #DEFAULT_CLIENT_ID}
 * / {@value #DEFAULT_CLIENT_SECRET} and the users are {@link #ALICE} and {@link #BOB}, on a random port.
 */
public final class LocalPassageProviderExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback,
        ParameterResolver {

    /** Client id with {@code @ExtendWith} or when the builder names none. */
    public static final String DEFAULT_CLIENT_ID = "passage-test-client";
    /** Client secret with {@code @ExtendWith} or when the builder names none; a test value, not a credential. */
    public static final String DEFAULT_CLIENT_SECRET = "passage-test-secret";
    /** {@code user-alice}: alice@example.com and +15555550100, both verified (seeded by {@link Builder#defaultUsers()}). */
    public static final PassageUser ALICE = PassageUser.builder().sub("user-alice").email("alice@example.com")
            .emailVerified(true).phone("+15555550100").phoneVerified(true).build();
    /** {@code user-bob}: bob@example.com, not verified (seeded by {@link Builder#defaultUsers()}). */
    public static final PassageUser BOB = PassageUser.builder().sub("user-bob").email("bob@example.com")
            .emailVerified(false).build();

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalPassageProviderExtension.class);

    private final String host;
    private final int port;
    private final String clientId;
    private final String clientSecret;
    private final String definitionName;
    private final List<PassageUser> users;
    private final boolean shared;

    private LocalPassageProvider provider;
    private String startedBy;

    /** For {@code @ExtendWith}: the default client, {@link #ALICE} and {@link #BOB}, a random port. */
    public LocalPassageProviderExtension() {
        this(builder().defaultUsers());
    }

    private LocalPassageProviderExtension(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.definitionName = builder.definitionName;
        this.users = List.copyOf(builder.users);
        this.shared = builder.shared;
    }

    /** @return a builder: host 127.0.0.1, a random port, the default client, no users */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the provider unless it runs already.
     *
     * @return the running provider
     */
    public synchronized LocalPassageProvider provider() {
        if (provider == null) {
            LocalPassageProvider.Builder builder = LocalPassageProvider.builder().host(host).port(port)
                    .client(clientId, clientSecret);
            users.forEach(builder::user);
            provider = builder.build().start();
        }
        return provider;
    }

    /** @return the provider's issuer, e.g. {@code http://127.0.0.1:41234} (starts the provider) */
    public URI issuer() {
        return provider().issuer();
    }

    /** @return what points the app at the provider (starts the provider) */
    public PassageSettings settings() {
        return new PassageSettings(issuer(), clientId, clientSecret, definitionName);
    }

    /** @return {@code passage.issuer}, {@code passage.client-id}, {@code passage.client-secret} */
    public Map<String, String> settingsMap() {
        return settings().asMap();
    }

    /** @return {@code PASSAGE_ISSUER}, {@code PASSAGE_CLIENT_ID}, {@code PASSAGE_CLIENT_SECRET} */
    public Map<String, String> environment() {
        return settings().asEnvironment();
    }

    /** @return the settings as system properties (not set anywhere: {@code System.getProperties().putAll(...)}) */
    public java.util.Properties systemProperties() {
        return settings().asSystemProperties();
    }

    /**
     * @return the text of a {@code META-INF/microprofile-config.properties} pointing the app at the provider:
     *         {@code war.addAsResource(new StringAsset(passage.microprofileConfigProperties()),
     *         "META-INF/microprofile-config.properties")}
     */
    public String microprofileConfigProperties() {
        return settings().microprofileConfigProperties();
    }

    /** @return the client id the app must use */
    public String clientId() {
        return clientId;
    }

    /** @return the client secret the app must use */
    public String clientSecret() {
        return clientSecret;
    }

    /** @return a new browser profile (no cookies) */
    public PassageBrowser newBrowser() {
        return new PassageBrowser();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (this) {
            boolean starting = provider == null;
            provider();
            if (starting || startedBy == null) {
                startedBy = context.getUniqueId();
                if (shared) {
                    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> new Closer(this),
                            Closer.class);
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LocalPassageProvider running;
        synchronized (this) {
            running = provider;
        }
        if (running != null) {
            running.behaviour().reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (this) {
            if (!shared && context.getUniqueId().equals(startedBy)) {
                close();
            }
        }
    }

    /** Stops the provider; a later use starts a new one (new keys; a new port unless it is fixed). */
    public synchronized void close() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
        startedBy = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == LocalPassageProvider.class || type == PassageSettings.class || type == PassageBrowser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == LocalPassageProvider.class) {
            return provider();
        }
        if (type == PassageSettings.class) {
            return settings();
        }
        return newBrowser();
    }

    @Override
    public String toString() {
        LocalPassageProvider running = provider;
        return "LocalPassageProviderExtension[" + (running == null ? "not started" : running.issuer()) + "]";
    }

    /** Closes a shared provider when the test run ends. */
    private static final class Closer implements ExtensionContext.Store.CloseableResource {
        private final LocalPassageProviderExtension extension;

        Closer(LocalPassageProviderExtension extension) {
            this.extension = extension;
        }

        @Override
        public void close() {
            extension.close();
        }
    }

    /** Builds a {@link LocalPassageProviderExtension}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private String definitionName;
        private final List<PassageUser> users = new ArrayList<>();
        private boolean shared;

        private Builder() {
        }

        /**
         * @param clientId     the app's client id (redirect URIs are not restricted: test apps run at any port)
         * @param clientSecret its client secret
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * @param user a user to seed (listed on the login page; {@link PassageBrowser#signIn} signs in by its sub)
         * @return this builder
         */
        public Builder user(PassageUser user) {
            users.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        /**
         * @param sub   the user's subject
         * @param email a verified email address
         * @return this builder
         */
        public Builder user(String sub, String email) {
            return user(PassageUser.builder().sub(sub).email(email).emailVerified(true).build());
        }

        /** @return this builder, seeding {@link #ALICE} and {@link #BOB} */
        public Builder defaultUsers() {
            return user(ALICE).user(BOB);
        }

        /**
         * @param port a fixed port, e.g. one a server started before the tests is configured with (default 0: a
         *             random free port)
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param host a loopback host to listen on (default {@code 127.0.0.1}); it is also the issuer's host
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param name the name of the app's {@code @PassageAuthenticationDefinition} to configure
         *             ({@code passage.<name>.*} keys); default: the unnamed definition
         * @return this builder
         */
        public Builder definitionName(String name) {
            this.definitionName = name;
            return this;
        }

        /**
         * Serves settings decided elsewhere, e.g. {@link PassageSettings#fromEnvironment()} when the server under
         * test was started (with the same environment) before the tests: host and port of the issuer, the client,
         * the definition name.
         *
         * @param settings the settings the app is configured with
         * @return this builder
         */
        public Builder settings(PassageSettings settings) {
            URI issuer = settings.issuer();
            if (!"http".equals(issuer.getScheme()) || issuer.getPort() < 0) {
                throw new IllegalArgumentException("the local provider serves http://<loopback host>:<port>, not "
                        + issuer);
            }
            String issuerHost = issuer.getHost();
            if (issuerHost.startsWith("[") && issuerHost.endsWith("]")) {
                issuerHost = issuerHost.substring(1, issuerHost.length() - 1);
            }
            return host(issuerHost).port(issuer.getPort()).client(settings.clientId(), settings.clientSecret())
                    .definitionName(settings.name());
        }

        /**
         * Keeps the provider running until the whole test run ends, instead of closing it after the test class that
         * started it: for one extension instance (in a static field) registered by several test classes that share
         * an app server configured once.
         *
         * @return this builder
         */
        public Builder sharedAcrossTestClasses() {
            this.shared = true;
            return this;
        }

        /** @return the extension; the provider starts when first needed */
        public LocalPassageProviderExtension build() {
            return new LocalPassageProviderExtension(this);
        }
    }
}
