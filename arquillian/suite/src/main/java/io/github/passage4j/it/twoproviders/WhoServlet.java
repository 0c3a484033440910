package io.github.passage4j.it.twoproviders;

import io.github.passage4j.PassageProfile;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /protected} and {@code /landing} (protected in web.xml): who the caller is and which issuer vouched. */
@WebServlet({"/protected", "/landing", "/vault"})
public class WhoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PassageProfile profile = (PassageProfile) request.getUserPrincipal();
        response.getWriter().println("name=" + profile.getName());
        response.getWriter().println("iss=" + profile.getIss());
        response.getWriter().println("path=" + request.getServletPath());
    }
}
