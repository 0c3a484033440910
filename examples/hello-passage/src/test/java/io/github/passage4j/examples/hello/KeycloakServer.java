package io.github.passage4j.examples.hello;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} the {@code keycloak} profile unpacks into {@code target/}) in a
 * process of its own, in development mode (its own file database under the distribution, no TLS), listening on
 * 127.0.0.1 only, with one realm imported from the checked-in template {@code src/test/keycloak/}, where
 * {@code @APP_BASE@} becomes the app's base URL and {@code @ALICE_PASSWORD@} the user's password.
 *
 * <p>Keycloak needs Java 21 or later: the JDK named by {@code JAVA25_HOME}, else
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64} (the rule of {@code .ci/run} and {@code arquillian/payara7}).
 */
final class KeycloakServer implements AutoCloseable {

    static final String DEFAULT_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private final Process process;
    private final URI base;
    private final String realm;

    private KeycloakServer(Process process, URI base, String realm) {
        this.process = process;
        this.base = base;
        this.realm = realm;
    }

    /**
     * Writes the realm from its template, starts Keycloak and waits, at most {@code timeout}, until the realm's
     * discovery answers.
     */
    static KeycloakServer start(Path home, Path realmTemplate, String realm, Map<String, String> placeholders,
                                Path log, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + home + ": run with -Pkeycloak, whose build unpacks "
                    + "org.keycloak:keycloak-quarkus-dist there");
        }
        Path jdk = Path.of(System.getenv().getOrDefault("JAVA25_HOME", DEFAULT_JDK));
        if (!Files.isExecutable(jdk.resolve("bin/java"))) {
            throw new IllegalStateException("Keycloak needs Java 21+; expected a JDK at " + jdk + " (set JAVA25_HOME)");
        }
        String realmJson = Files.readString(realmTemplate, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            realmJson = realmJson.replace(placeholder.getKey(), placeholder.getValue());
        }
        if (realmJson.matches("(?s).*@[A-Z_]+@.*")) {
            throw new IllegalArgumentException("A placeholder of " + realmTemplate + " was left unfilled");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(imports.resolve(realm + "-realm.json"), realmJson, StandardCharsets.UTF_8);
        // a fresh database each run: the realm is imported anew, with this run's app URL and password
        deleteTree(home.resolve("data/h2"));

        int port = PayaraMicroApp.freePort();
        int managementPort = PayaraMicroApp.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort,
                // the issuer the same for the browser and for the app's back channel
                "--hostname=" + base,
                // DPoP-bound access tokens (RFC 9449); named although 26.5 has it on by default, so that an older
                // distribution fails loudly rather than issuing Bearer tokens
                "--features=dpop",
                "--import-realm");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", jdk.toString());
        // the add-opens: on Java 24+ Keycloak 26.5's thread pool (jboss-threads) needs it, or its threads fail
        builder.environment().put("JAVA_OPTS_APPEND",
                "-Djava.net.preferIPv4Stack=true --add-opens=java.base/java.lang=ALL-UNNAMED");
        KeycloakServer server = new KeycloakServer(builder.start(), base, realm);
        try {
            server.awaitRealm(timeout, log.toFile());
        } catch (IOException | InterruptedException | RuntimeException failure) {
            server.close();
            throw failure;
        }
        return server;
    }

    /** The realm's issuer, as its discovery names it. */
    URI issuer() {
        return URI.create(base + "/realms/" + realm);
    }

    private void awaitRealm(Duration timeout, File log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(discovery)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + timeout + "; see " + log);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Ends Keycloak and whatever it started (kc.sh runs the JVM as its child): the whole process tree. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                child.destroyForcibly();
            }
        }
    }
}
