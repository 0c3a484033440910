package io.github.passage4j.it.smoke;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Unprotected resource; reports, as {@code key=value} lines, whether MicroProfile Config works in a
 * deployment and what it sees of a system property and an environment variable given to the server.
 */
@WebServlet("/config")
public class ConfigServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Given to each server JVM as a system property by the server module's arquillian.xml. */
    public static final String SYSTEM_PROPERTY = "passage.smoke.sysprop";
    /** Given to each server process as an environment variable by the server module's failsafe configuration. */
    public static final String ENVIRONMENT_VARIABLE = "PASSAGE_SMOKE_ENV";
    /** Set in the WAR's META-INF/microprofile-config.properties by SmokeIT (Deployments.withConfig). */
    public static final String WAR_PROPERTY = "passage.smoke.war";
    /** The MicroProfile Config name that {@link #ENVIRONMENT_VARIABLE} maps to. */
    public static final String ENVIRONMENT_PROPERTY = "passage.smoke.env";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("system.property=" + System.getProperty(SYSTEM_PROPERTY));
        out.println("system.env=" + System.getenv(ENVIRONMENT_VARIABLE));
        try {
            Config config = ConfigProvider.getConfig();
            out.println("config.available=true");
            out.println("config.class=" + config.getClass().getName());
            out.println("config.property=" + config.getOptionalValue(SYSTEM_PROPERTY, String.class).orElse(null));
            out.println("config.env=" + config.getOptionalValue(ENVIRONMENT_PROPERTY, String.class).orElse(null));
            out.println("config.war=" + config.getOptionalValue(WAR_PROPERTY, String.class).orElse(null));
        } catch (Throwable e) { // NoClassDefFoundError when the server has no MicroProfile Config
            out.println("config.available=false");
            out.println("config.error=" + e);
        }
    }
}
