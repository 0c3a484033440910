package io.github.passage4j.it.rootcontext;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;

/** {@code /protected} (protected in web.xml): where the app is and who asks, one {@code key=value} a line. */
@WebServlet("/protected")
public class RootPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        Principal caller = request.getUserPrincipal();
        out.println("contextPath=" + request.getContextPath());
        out.println("userPrincipal.name=" + (caller == null ? "" : caller.getName()));
        out.println("query=" + request.getQueryString());
    }
}
