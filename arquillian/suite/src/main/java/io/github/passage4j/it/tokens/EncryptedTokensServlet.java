package io.github.passage4j.it.tokens;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code /protected} (protected in web.xml): the caller, a claim only userinfo sends, and how many segments the kept
 * ID token has (3: the signed token inside the JWE, never the JWE), one {@code key=value} a line.
 */
@WebServlet("/protected")
public class EncryptedTokensServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PassageProfile profile;

    @Inject
    PassageTokens tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("name=" + profile.getName());
        out.println("email=" + profile.getEmail().orElse(""));
        out.println("userinfo_marker=" + profile.getClaim(EncryptedTokensIT.USERINFO_ONLY_CLAIM).orElse(""));
        out.println("idTokenSegments=" + tokens.getIdToken().split("\\.", -1).length);
    }
}
