package io.github.passage4j.it.misconfig;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.support.TestProvider;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A malformed {@code @PassageAuthenticationDefinition} fails the deployment, with a message that names the attribute
 * and its config key, so that the operator knows what to fix before any user tries to sign in.
 *
 * <p>The test deploys the WAR itself ({@code managed = false} and {@link Deployer}) instead of declaring
 * {@code @ShouldThrowException}: that way it gets the adapter's exception and checks what the failure says, not only
 * that there was one.
 *
 * <p>Not every adapter can report a failed deployment. Payara Micro's managed adapter (3.1) starts
 * {@code java -jar payara-micro.jar --deploy the.war} and waits for the "Instance Configuration" status Payara Micro
 * prints once booted. When the deployment fails, Payara Micro logs the failure, keeps running with nothing deployed
 * ({@code "Deployed": []}) and prints that status all the same, so the adapter returns normally. For such an adapter
 * the test reads the server's own report of the failure from its console, which that adapter echoes to this JVM,
 * and checks that the app never started. Either way the test fails unless the server refused the app because of the
 * malformed attribute.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisconfigurationIT {

    private static final String MISCONFIGURED = "misconfigured";
    /** How the library's failure starts, whoever reports it. */
    private static final String INVALID_SETTINGS = "Passage4J: invalid @PassageAuthenticationDefinition settings";

    @Deployment(name = MISCONFIGURED, managed = false, testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        return Deployments.war("misconfig")
                .addClasses(MisconfiguredDefinition.class, AppStartedListener.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void malformedDefinitionFailsTheDeploymentNamingAttributeAndConfigKey() {
        String report;
        try (ConsoleCapture console = new ConsoleCapture()) {
            Exception failure = deploy(MISCONFIGURED);
            if (failure != null) {
                assertTrue(failure instanceof DeploymentException, "a deployment failure: " + messages(failure));
                report = messages(failure);
            } else {
                // the adapter says "deployed": only the server's own console can tell otherwise (see above)
                report = console.await(INVALID_SETTINGS, Duration.ofSeconds(60));
                assertTrue(report.contains(INVALID_SETTINGS), "the adapter reported a successful deployment and the "
                        + "server's console (" + report.length() + " characters) does not report the invalid settings "
                        + "either: the malformed logoutPath did not fail the deployment");
                assertFalse(report.contains(AppStartedListener.STARTED), "the misconfigured app must not start");
            }
        }
        int at = report.indexOf(INVALID_SETTINGS);
        assertTrue(at >= 0, "the library's message: " + report);
        String failure = report.substring(at);
        if (!failure.contains("'logoutPath'")) {
            // Open Liberty's adapter (2.1.3) keeps only the first line of the server's message, whose next lines
            // name the settings; the server's log has the whole of it
            failure = failure + "\n  the server's log: " + serverLog();
        }
        assertTrue(failure.contains("'logoutPath'"), "names the attribute: " + failure);
        assertTrue(failure.contains("passage.logout-path"), "names the config key: " + failure);
    }

    /** @return what deploying threw (the adapter's checked DeploymentException comes through undeclared), or null */
    private Exception deploy(String name) {
        try {
            deployer.deploy(name);
            return null;
        } catch (Exception failure) {
            return failure;
        }
    }

    /** The server's log from the last report of the invalid settings on (a few lines), or why there is none. */
    private static String serverLog() {
        String log = System.getProperty("passage.it.server.log", "");
        if (log.isBlank() || !Files.isRegularFile(Path.of(log))) {
            return "(no server log at passage.it.server.log=" + log + ")";
        }
        try {
            String text = Files.readString(Path.of(log), StandardCharsets.UTF_8);
            int at = text.lastIndexOf(INVALID_SETTINGS);
            return at < 0 ? "(no report of the invalid settings in " + log + ")"
                    : text.substring(at, Math.min(text.length(), at + 600));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(unreadable: " + log + ")";
        }
    }

    /** The messages of the exception and all its causes: adapters wrap the server's report differently. */
    private static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null && messages.size() < 20; cause = cause.getCause()) {
            messages.add(cause.getClass().getName() + ": " + cause.getMessage());
        }
        return String.join("\n  caused by ", messages);
    }
}
