package io.github.passage4j.ee;

import jakarta.security.enterprise.AuthenticationStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponsesTest {

    @Test
    void aRedirectGoesThroughSendRedirectAndIsNeverStored() {
        ServletFakes.Response response = new ServletFakes.Response();
        String authorization = "https://provider.example/authorize?client_id=app";

        assertEquals(AuthenticationStatus.SEND_CONTINUE, Responses.redirect(response.build(), authorization));

        assertEquals(authorization, response.redirect,
                "sendRedirect: Open Liberty takes the redirect of a SEND_CONTINUE from it alone");
        assertEquals(302, response.status);
        assertEquals("no-store", response.header("Cache-Control"));
    }
}
