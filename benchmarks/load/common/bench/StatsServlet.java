package bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /stats}: {@code authenticated=<n> anonymous=<n>}, the requests {@link HelloServlet} served so far. */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("authenticated=" + HelloServlet.AUTHENTICATED.sum()
                + " anonymous=" + HelloServlet.ANONYMOUS.sum() + "\n");
    }
}
