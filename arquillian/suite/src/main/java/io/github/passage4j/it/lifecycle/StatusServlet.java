package io.github.passage4j.it.lifecycle;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code /protected} (protected in web.xml): the caller, its roles and fingerprints of its tokens (never the tokens),
 * one {@code key=value} a line.
 */
@WebServlet("/protected")
public class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PassageProfile profile;

    @Inject
    PassageTokens tokens;

    @Inject
    SecurityContext securityContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("name=" + profile.getName());
        out.println("email=" + profile.getEmail().orElse(""));
        out.println("sid=" + profile.getClaim("sid").orElse(""));
        out.println("accessToken=" + fingerprint(tokens.getAccessToken()));
        out.println("idToken=" + fingerprint(tokens.getIdToken()));
        out.println("refreshToken=" + tokens.getRefreshToken().map(StatusServlet::fingerprint).orElse(""));
        out.println("isUserInRole.admin=" + request.isUserInRole("admin"));
        out.println("isCallerInRole.admin=" + securityContext.isCallerInRole("admin"));
        out.println("isCallerInRole.auditor=" + securityContext.isCallerInRole("auditor"));
    }

    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
