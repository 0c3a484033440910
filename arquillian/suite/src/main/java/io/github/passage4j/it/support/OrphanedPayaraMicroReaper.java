package io.github.passage4j.it.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops the Payara Micro servers a test class left running. The Payara Micro adapter (arquillian-payara-micro-managed
 * 3.1) starts one server per deployment but keeps only the last one's process: of a class with two deployments
 * ({@code CookiesIT}, {@code FormPostIT}) the first server outlived the test run, a JVM of up to 768 MB each, on
 * every run. Once a class has finished, Arquillian has stopped the server it knows of, so any Payara Micro this JVM
 * still has as a descendant is such an orphan. On only where the module says so
 * ({@code passage.it.reap-orphaned-payara-micro}): the cluster modules start their servers themselves, across classes.
 */
public final class OrphanedPayaraMicroReaper implements TestExecutionListener {

    private static final System.Logger LOG = System.getLogger(OrphanedPayaraMicroReaper.class.getName());
    private static final boolean ENABLED = Boolean.getBoolean("passage.it.reap-orphaned-payara-micro");

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (ENABLED && identifier.getSource().filter(ClassSource.class::isInstance).isPresent()) {
            reap(identifier.getDisplayName());
        }
    }

    private static void reap(String testClass) {
        List<ProcessHandle> orphans = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("payara-micro"))
                .toList();
        for (ProcessHandle orphan : orphans) {
            LOG.log(System.Logger.Level.INFO, "stopping a Payara Micro server that " + testClass
                    + " left running (pid " + orphan.pid() + ")");
            orphan.destroy();
        }
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                orphan.destroyForcibly();
            }
        }
    }
}
