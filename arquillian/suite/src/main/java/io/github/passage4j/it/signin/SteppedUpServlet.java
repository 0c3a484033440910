package io.github.passage4j.it.signin;

import io.github.passage4j.PassageProfile;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Pages with a step-up requirement and none of web.xml's constraints ({@code /stepped-up/*}: an mfa {@code acr};
 * {@code /recent}: a {@code max_age}), and {@code /mark}, which puts a value of the app's into the session: one
 * {@code key=value} a line.
 */
@WebServlet({"/stepped-up/*", "/recent", "/mark"})
public class SteppedUpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        if ("/mark".equals(request.getServletPath())) {
            session.setAttribute("mark", request.getParameter("value"));
        }
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("user=" + (request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName()));
        out.println("acr=" + (request.getUserPrincipal() instanceof PassageProfile profile
                ? profile.getClaim("acr").orElse("") : ""));
        out.println("mark=" + session.getAttribute("mark"));
        out.println("path=" + request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
    }
}
