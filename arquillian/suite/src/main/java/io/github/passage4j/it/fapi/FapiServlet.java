package io.github.passage4j.it.fapi;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;

/**
 * {@code /protected} (protected in web.xml): who the caller is, which issuer vouched, how the session's access token
 * is bound, and, for {@code ?proofFor=<url>}, the access token with a DPoP proof of the session's key for a GET of that
 * URL: what the app would send to call an API of its own.
 */
@WebServlet("/protected")
public class FapiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PassageTokens tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PassageProfile profile = (PassageProfile) request.getUserPrincipal();
        response.getWriter().println("name=" + profile.getName());
        response.getWriter().println("iss=" + profile.getIss());
        String proofFor = request.getParameter("proofFor");
        if (proofFor != null && tokens != null) {
            response.getWriter().println("token_type=" + tokens.getTokenType());
            response.getWriter().println("access_token=" + tokens.getAccessToken());
            response.getWriter().println("proof=" + tokens.dpopProof("GET", URI.create(proofFor)).orElse(""));
        }
    }
}
