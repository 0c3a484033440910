package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.oidc.AuthenticationRequirement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** URL patterns match as a web.xml security constraint's do: the best match applies, on the mapped path. */
class StepUpRequirementsTest {

    private static AuthenticationRequirement acr(String value) {
        return new AuthenticationRequirement(List.of(value), Optional.empty());
    }

    private final StepUpRequirements requirements;

    StepUpRequirementsTest() {
        Map<String, AuthenticationRequirement> byPattern = new LinkedHashMap<>();
        byPattern.put("/admin/*", acr("admin"));
        byPattern.put("/admin/audit/*", acr("audit"));
        byPattern.put("/admin/login", acr("exact"));
        byPattern.put("*.pdf", acr("pdf"));
        requirements = new StepUpRequirements(byPattern);
    }

    private String match(String path) {
        return requirements.forPath(path).map(each -> each.acrValues().get(0)).orElse("none");
    }

    @Test
    void anExactPathThenTheLongestPrefixThenTheExtension() {
        assertEquals("exact", match("/admin/login"));
        assertEquals("audit", match("/admin/audit/2026.pdf"), "a prefix beats an extension, as in Servlet 12.1");
        assertEquals("audit", match("/admin/audit"));
        assertEquals("admin", match("/admin"));
        assertEquals("admin", match("/admin/users"));
        assertEquals("pdf", match("/reports/q3.pdf"));
        assertEquals("none", match("/administrator"), "a prefix ends at a segment");
        assertEquals("none", match("/reports/q3.pdf/x"), "the extension is the last segment's");
        assertEquals("none", match("/"));
        assertEquals("exact", match("/admin/login/"), "Jakarta REST serves it as /admin/login");
    }

    @Test
    void slashAloneCoversWhatNothingElseDoes() {
        StepUpRequirements everything = new StepUpRequirements(Map.of("/", acr("all"), "/public/*", acr("public")));
        assertEquals("all", everything.forPath("/anything").orElseThrow().acrValues().get(0));
        assertEquals("public", everything.forPath("/public/a").orElseThrow().acrValues().get(0));
        assertEquals("all", new StepUpRequirements(Map.of("/*", acr("all"))).forPath("/x").orElseThrow()
                .acrValues().get(0));
    }

    @Test
    void theMappedPathIsMatchedNotTheRawUri() {
        // /app/%61dmin/users reaches the servlet at /admin/users: the container's decoded mapping is what counts
        ServletFakes.Request encoded = ServletFakes.request("/%61dmin/users").mappedPath("/admin/users");
        assertEquals("admin", requirements.forRequest(encoded.build()).orElseThrow().acrValues().get(0));
        ServletFakes.Request parameter = ServletFakes.request("/admin;x=1/users").mappedPath("/admin/users");
        assertEquals("admin", requirements.forRequest(parameter.build()).orElseThrow().acrValues().get(0));
    }

    @Test
    void somethingElseIsNoUrlPattern() {
        for (String pattern : new String[] {"admin", "/a/*/b", "*.", "/a*", "**.pdf", "*/x.pdf"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new StepUpRequirements(Map.of(pattern, acr("x"))), pattern);
        }
    }

    @Test
    void aRequirementNeedsAcrOrMaxAge() {
        assertThrows(IllegalArgumentException.class, () -> new AuthenticationRequirement(List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new AuthenticationRequirement(List.of(), Optional.of(Duration.ofSeconds(-1))));
    }
}
