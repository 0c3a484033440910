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

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A malformed {@code @PassageAuthenticationDefinition} fails the deployment, with a message that names the attribute
 * and its config key, so that the operator knows what to fix before any user tries to sign in.
 *
 * <p>The deployment is deployed by the test itself ({@code managed = false} and {@link Deployer}) rather than
 * declared with {@code @ShouldThrowException}: that way the test gets the adapter's exception and can check both that
 * the deployment failed and what the failure says.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisconfigurationIT {

    private static final String MISCONFIGURED = "misconfigured";

    @Deployment(name = MISCONFIGURED, managed = false, testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        return Deployments.war("misconfig")
                .addClasses(MisconfiguredDefinition.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void malformedDefinitionFailsTheDeploymentNamingAttributeAndConfigKey() {
        DeploymentException failure = assertThrows(DeploymentException.class, () -> deployer.deploy(MISCONFIGURED),
                "a malformed logoutPath must fail the deployment");
        String messages = messages(failure);
        assertTrue(messages.contains("logoutPath"), "names the attribute: " + messages);
        assertTrue(messages.contains("passage.logout-path"), "names the config key: " + messages);
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
