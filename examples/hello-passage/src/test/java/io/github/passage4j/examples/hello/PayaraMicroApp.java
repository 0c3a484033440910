package io.github.passage4j.examples.hello;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example WAR on Payara Micro in a process of its own, at context root {@code /}, configured only through
 * environment variables: the way {@code examples/demo.sh} runs it and the way an operator would.
 */
final class PayaraMicroApp implements AutoCloseable {

    private final Process process;
    private final URI base;

    private PayaraMicroApp(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static PayaraMicroApp start(Path payaraMicroJar, Path war, Path prebootCommands, Map<String, String> environment,
                                Path log) throws IOException, InterruptedException {
        return start(payaraMicroJar, war, prebootCommands, environment, log, freePort());
    }

    /**
     * As {@link #start(Path, Path, Path, Map, Path)}, on a port chosen beforehand: for a provider that must know the
     * app's URLs (redirect URI, JWKS URL) before the app starts.
     */
    static PayaraMicroApp start(Path payaraMicroJar, Path war, Path prebootCommands, Map<String, String> environment,
                                Path log, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.net.preferIPv4Stack=true", "-Dhazelcast.socket.bind.any=false",
                "-jar", payaraMicroJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", String.valueOf(port), "--nocluster",
                "--prebootcommandfile", prebootCommands.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        PayaraMicroApp app = new PayaraMicroApp(builder.start(), URI.create("http://127.0.0.1:" + port + "/"));
        try {
            app.awaitReady(Duration.ofMinutes(3), log.toFile());
        } catch (IOException | InterruptedException | RuntimeException failure) {
            app.close();
            throw failure;
        }
        return app;
    }

    URI base() {
        return base;
    }

    private void awaitReady(Duration timeout, File log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String lastAnswer = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> home = client.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (home.statusCode() == 200) {
                    return;
                }
                lastAnswer = "status " + home.statusCode();
            } catch (IOException notYet) {
                // still booting
                lastAnswer = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not serve " + base + " within " + timeout + " (last: "
                + lastAnswer + "); see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
