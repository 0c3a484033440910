package io.github.passage4j.it.cluster;

import io.github.passage4j.PassageProfile;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;

/**
 * {@code /protected} (protected in web.xml): the caller, one {@code key=value} a line, and which JVM answered, so a
 * test can tell the nodes apart and see that a restarted node is a new process. It never creates an HTTP session
 * itself ({@code getSession(false)}), so {@code session=none} shows the library kept none.
 */
@WebServlet("/protected")
public class CallerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PassageProfile profile;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        PrintWriter out = response.getWriter();
        out.println("name=" + profile.getName());
        out.println("email=" + profile.getEmail().orElse(""));
        out.println("sid=" + profile.getClaim("sid").orElse(""));
        out.println("iat=" + profile.getIat().getEpochSecond());
        out.println("remoteUser=" + request.getRemoteUser());
        out.println("session=" + (request.getSession(false) == null ? "none" : "present"));
        out.println("jvm=" + runtime.getPid() + "@" + runtime.getStartTime());
    }
}
