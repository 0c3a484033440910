package io.github.passage4j.it;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code web.xml} of a test app: URL patterns any signed-in caller may reach (role {@code **}), the roles the app
 * checks with {@code isUserInRole} (Payara's JACC knows only declared roles), context parameters, and
 * {@code <distributable/>} for the cluster tests. Immutable; each method returns a new descriptor.
 */
public final class WebXml {

    private final List<String> protectedPatterns;
    private final List<String> declaredRoles;
    private final Map<String, String> contextParams;
    private final boolean distributable;

    private WebXml(List<String> protectedPatterns, List<String> declaredRoles, Map<String, String> contextParams,
                   boolean distributable) {
        this.protectedPatterns = List.copyOf(protectedPatterns);
        this.declaredRoles = List.copyOf(declaredRoles);
        this.contextParams = Map.copyOf(contextParams);
        this.distributable = distributable;
    }

    /** A descriptor whose only constraint lets any signed-in caller reach these URL patterns. */
    public static WebXml protecting(String... urlPatterns) {
        return new WebXml(List.of(urlPatterns), List.of(), Map.of(), false);
    }

    public WebXml declaringRoles(String... roles) {
        List<String> all = new ArrayList<>(declaredRoles);
        all.addAll(List.of(roles));
        return new WebXml(protectedPatterns, all, contextParams, distributable);
    }

    public WebXml withContextParam(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(contextParams);
        all.put(name, value);
        return new WebXml(protectedPatterns, declaredRoles, all, distributable);
    }

    /** Marks the app {@code <distributable/>}: its sessions replicate in a cluster. */
    public WebXml distributable() {
        return new WebXml(protectedPatterns, declaredRoles, contextParams, true);
    }

    public StringAsset asset() {
        return new StringAsset(toString());
    }

    @Override
    public String toString() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        if (distributable) {
            xml.append("    <distributable/>\n");
        }
        contextParams.forEach((name, value) -> xml.append("    <context-param>\n")
                .append("        <param-name>").append(name).append("</param-name>\n")
                .append("        <param-value>").append(value).append("</param-value>\n")
                .append("    </context-param>\n"));
        xml.append("    <security-constraint>\n        <web-resource-collection>\n")
                .append("            <web-resource-name>protected</web-resource-name>\n");
        protectedPatterns.forEach(pattern -> xml.append("            <url-pattern>").append(pattern)
                .append("</url-pattern>\n"));
        xml.append("        </web-resource-collection>\n        <auth-constraint>\n")
                .append("            <role-name>**</role-name>\n        </auth-constraint>\n")
                .append("    </security-constraint>\n");
        declaredRoles.forEach(role -> xml.append("    <security-role>\n        <role-name>").append(role)
                .append("</role-name>\n    </security-role>\n"));
        return xml.append("</web-app>\n").toString();
    }
}
