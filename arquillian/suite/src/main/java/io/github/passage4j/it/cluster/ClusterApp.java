package io.github.passage4j.it.cluster;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app the cluster tests deploy, once per node: the same WAR under the same name, so both nodes serve it at the
 * same context path and a browser (whose cookies are per host, not per port) sends the same cookies to both, as it
 * would through a load balancer.
 */
final class ClusterApp {

    /** The WAR's name, so its context path: {@code /cluster} on every node. */
    static final String NAME = "cluster";

    /** Deployment names and the container qualifiers they target: the cluster module defines these two nodes. */
    static final String A = "a";
    static final String B = "b";
    static final String NODE_A = "node-a";
    static final String NODE_B = "node-b";

    /**
     * System property: the value of {@code passage.ended-sessions-cache} on this server, set by the cluster module
     * (a JNDI name of a shared map, or a JCache cache name): where a logout received by one node is seen by all.
     */
    static final String ENDED_SESSIONS_CACHE = "passage.it.cluster.ended-sessions-cache";

    private static final WebXml WEB_XML = WebXml.protecting("/protected");

    private ClusterApp() {
    }

    /**
     * The app with its HTTP session replicated ({@code <distributable/>}): the library keeps its state in the session.
     */
    static WebArchive replicatedSession() {
        return war(true, Map.of());
    }

    /**
     * The app with no HTTP session at all: {@code passage.stateless=true} and the given cookie encryption keys. Not
     * {@code <distributable/>}, on purpose: nothing but the encrypted cookies may carry the state between nodes.
     */
    static WebArchive stateless(String cookieEncryptionKeys) {
        return war(false, Map.of("passage.stateless", "true", "passage.cookie-encryption-keys", cookieEncryptionKeys));
    }

    private static WebArchive war(boolean distributable, Map<String, String> config) {
        WebArchive war = Deployments.war(NAME)
                .addClasses(ClusterDefinition.class, CallerServlet.class)
                .setWebXML((distributable ? WEB_XML.distributable() : WEB_XML).asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("passage.ended-sessions-cache", endedSessionsCache());
        return Deployments.withConfig(war, all);
    }

    private static String endedSessionsCache() {
        String cache = System.getProperty(ENDED_SESSIONS_CACHE, "");
        if (cache.isBlank() || cache.startsWith("${")) {
            throw new IllegalStateException("System property " + ENDED_SESSIONS_CACHE + " is not set: run the "
                    + "cluster tests through a cluster module, which names the shared cache of its server");
        }
        return cache;
    }
}
