package io.github.passage4j.it.hostile;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;

/**
 * Every page of the app (the default servlet; all of it is protected in web.xml, so that a sign-in can start at any
 * URL, odd ones included): which page was asked for and who asks, one {@code key=value} a line.
 */
@WebServlet("/")
public class HostilePageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        Principal caller = request.getUserPrincipal();
        out.println("page=" + request.getRequestURI());
        out.println("userPrincipal.name=" + (caller == null ? "" : caller.getName()));
        out.println("query=" + request.getQueryString());
    }
}
