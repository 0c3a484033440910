package io.github.passage4j.it.cluster;

import io.github.passage4j.it.Deployments;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings the two nodes up, restarts one and takes them down, the same way on every server. The cluster module
 * declares the nodes {@value ClusterApp#NODE_A} and {@value ClusterApp#NODE_B} in {@code mode="manual"}, and the
 * tests' deployments are {@code managed = false}: so a test class starts what it needs once, a restart is a real one
 * (undeploy, stop the server, start it, deploy), and the class undeploys its apps itself at its end, whether the
 * adapter keeps a server process between deployments or starts one per deployment (then undeploying is what ends the
 * process, and Arquillian does not undeploy unmanaged deployments by itself).
 *
 * <p>One instance per test class, in a static field: JUnit makes a test instance per test, the nodes outlive them.
 * The apps are undeployed after the class's last test ({@link #testDone()} from {@code @AfterEach}): Arquillian's
 * deployer works within a test's lifecycle only, not in {@code @AfterAll}. Every node address a test used is
 * remembered (for all classes of the run), so that a node is only started once the previous server at its address is
 * gone.
 */
final class ClusterNodes {

    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(300);
    private static final Set<InetSocketAddress> ADDRESSES = ConcurrentHashMap.newKeySet();

    private ContainerController controller;
    private Deployer deployer;
    private RuntimeException failure;
    private final int tests;
    private int done;

    /** @param testClass the test class, whose {@code @Test} methods are counted to know its last test */
    ClusterNodes(Class<?> testClass) {
        tests = (int) Arrays.stream(testClass.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Test.class)).count();
    }

    /**
     * Starts both nodes (when not running yet) and deploys the class's app to each, once per test class. When that
     * failed, every later test of the class fails at once with that cause instead of trying again.
     */
    void up(ContainerController containerController, Deployer classDeployer) {
        if (failure != null) {
            throw new IllegalStateException("the nodes did not come up for this test class", failure);
        }
        if (controller != null) {
            return;
        }
        ADDRESSES.forEach(ClusterNodes::awaitClosed);
        controller = containerController;
        deployer = classDeployer;
        try {
            start(ClusterApp.NODE_A, ClusterApp.A);
            start(ClusterApp.NODE_B, ClusterApp.B);
        } catch (RuntimeException notUp) {
            failure = notUp;
            throw notUp;
        }
    }

    private void start(String node, String deployment) {
        if (!controller.isStarted(node)) {
            controller.start(node);
        }
        deployer.deploy(deployment);
    }

    /** The protected page of a node; the node's address is remembered, to wait for it to close. */
    URI page(URL node) {
        ADDRESSES.add(new InetSocketAddress(node.getHost(), node.getPort()));
        return Deployments.base(node, ClusterApp.NAME).resolve("protected");
    }

    /**
     * Stops node A (its app first) and waits until its HTTP port is closed; then {@code whileDown} runs (node B
     * alone); then node A starts again, at the same address, with the app deployed.
     */
    void restartA(URL a, Runnable whileDown) {
        deployer.undeploy(ClusterApp.A);
        controller.stop(ClusterApp.NODE_A);
        awaitClosed(new InetSocketAddress(a.getHost(), a.getPort()));
        whileDown.run();
        controller.start(ClusterApp.NODE_A);
        deployer.deploy(ClusterApp.A);
    }

    /**
     * For the test class's {@code @AfterEach}: after its last test, undeploys the class's apps and waits until the
     * nodes' addresses are closed. (When only some tests of the class run, the apps stay until the test JVM ends.) The
     * nodes are stopped too: a WildFly keeps running without deployments.
     */
    void testDone() {
        done++;
        if (done == tests) {
            down();
        }
    }

    private void down() {
        if (deployer == null) {
            return;
        }
        try {
            undeploy(ClusterApp.B);
            undeploy(ClusterApp.A);
            // a server that outlives its deployments (WildFly) is stopped here, so that the next class starts afresh
            stop(ClusterApp.NODE_B);
            stop(ClusterApp.NODE_A);
            ADDRESSES.forEach(ClusterNodes::awaitClosed);
        } finally {
            controller = null;
            deployer = null;
        }
    }

    private void stop(String node) {
        try {
            if (controller.isStarted(node)) {
                controller.stop(node);
            }
        } catch (RuntimeException notStopped) {
            System.err.println("Cluster test: stopping " + node + " failed: " + notStopped);
        }
    }

    private void undeploy(String deployment) {
        try {
            deployer.undeploy(deployment);
        } catch (RuntimeException notDeployed) {
            System.err.println("Cluster test: undeploying " + deployment + " failed: " + notDeployed);
        }
    }

    /** Waits until nothing listens at the address any more: the old server is gone, its port free again. */
    private static void awaitClosed(InetSocketAddress address) {
        Instant deadline = Instant.now().plus(DOWN_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
            } catch (IOException refused) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        throw new AssertionError(address + " still accepts connections " + DOWN_TIMEOUT.toSeconds()
                + " s after its server was stopped");
    }
}
