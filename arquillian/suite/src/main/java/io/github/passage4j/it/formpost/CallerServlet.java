package io.github.passage4j.it.formpost;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /protected} and {@code /landing} (protected in web.xml): who the caller is, and which page this is. */
@WebServlet({"/protected", "/landing"})
public class CallerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("name=" + request.getUserPrincipal().getName());
        response.getWriter().println("path=" + request.getServletPath());
    }
}
