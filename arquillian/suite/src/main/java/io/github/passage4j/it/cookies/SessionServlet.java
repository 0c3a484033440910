package io.github.passage4j.it.cookies;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /session}, public: creates an HTTP session, so that a test sees the container's session cookie. */
@WebServlet("/session")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getSession(true);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("session=created");
    }
}
