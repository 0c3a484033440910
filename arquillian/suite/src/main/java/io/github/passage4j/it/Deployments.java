package io.github.passage4j.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the WARs the in-container tests deploy.
 *
 * <p>Every WAR gets the Passage library jar and its runtime dependencies (Nimbus JOSE+JWT, Nimbus's OAuth 2.0 SDK
 * and what that needs) as {@code WEB-INF/lib} jars, exactly as an application would ship them. Their locations
 * come from the server module's build (maven-dependency-plugin {@code properties} goal, handed to the test JVM by
 * failsafe as the system properties {@value #PASSAGE_JAR} and {@value #LIBRARIES}, a comma-separated list).
 */
public final class Deployments {

    /** System property: path of the io.github.passage4j:passage-security jar. */
    public static final String PASSAGE_JAR = "passage.jar";
    /** System property: the paths of the library's runtime dependencies, comma separated. */
    public static final String LIBRARIES = "passage.libraries";

    private Deployments() {
    }

    /**
     * A WAR named {@code name + ".war"} (so deployed at context root {@code /name}) holding the
     * Passage library and its dependencies as WEB-INF/lib jars; add the test application's classes to it.
     */
    public static WebArchive war(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addAsLibraries(jar(PASSAGE_JAR));
        String libraries = System.getProperty(LIBRARIES);
        if (libraries == null || libraries.isBlank()) {
            throw new IllegalStateException("system property " + LIBRARIES + " not set; run the tests through Maven");
        }
        for (String library : libraries.split(",")) {
            File file = new File(library.strip());
            if (!file.isFile()) {
                throw new IllegalStateException(LIBRARIES + " names a missing jar: " + library);
            }
            war.addAsLibraries(file);
        }
        return war;
    }

    /**
     * The URL of a deployment, ending in '/': the scheme, host and port of the URL Arquillian injects with
     * {@code @ArquillianResource}, and the context root the test gave its WAR ({@code ""} for the server's root), never
     * the path Arquillian found. Arquillian's Payara Micro adapter takes the context root from the server's console
     * output as soon as it has read the host and port there; on a busy machine it reads that before the list of
     * deployed applications and injects the server's root, and every request of the test answers 404.
     */
    public static URI base(URL injected, String contextRoot) {
        String path = contextRoot.isEmpty() ? "/" : "/" + contextRoot + "/";
        return URI.create(injected.getProtocol() + "://" + injected.getAuthority() + path);
    }

    /**
     * Adds {@code WEB-INF/classes/META-INF/microprofile-config.properties} with the given entries: the
     * way to give a deployment MicroProfile Config values decided by the test itself (e.g. the local
     * provider's URL), on both servers. Server-wide values: see {@code server.system.properties} in
     * arquillian/pom.xml.
     */
    public static WebArchive withConfig(WebArchive war, Map<String, String> properties) {
        String text = properties.entrySet().stream()
                .map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
        return war.addAsResource(new StringAsset(text), "META-INF/microprofile-config.properties");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', ':', '=', '#', '!', ' ' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The file named by the given system property; fails clearly when the build did not set it. */
    static File jar(String property) {
        String path = System.getProperty(property);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException("System property '" + property + "' is not set (got: " + path + "). "
                    + "Run the suite through a server module (arquillian/wildfly or arquillian/payara), whose "
                    + "failsafe configuration passes the jar locations resolved by maven-dependency-plugin:properties.");
        }
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalStateException("System property '" + property + "' names " + file
                    + ", which is not a file. Was the library installed (mvn -f pom.xml install)?");
        }
        return file;
    }

    /** Which server the suite runs against, as the server module names it (for messages only). */
    public static String server() {
        return System.getProperty("passage.it.server", "unknown server");
    }
}
