package bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measured endpoint, the same in every benchmark WAR: a few bytes of text naming the caller. {@code /hello} is
 * public; {@code /secure/hello} is the same servlet behind the WAR's security constraint (web.xml). It counts the
 * requests it served with and without a caller, so the benchmark can prove every measured request was authenticated
 * (wrk counts a redirect to the provider as a success).
 */
@WebServlet(urlPatterns = {"/hello", "/secure/hello"})
public class HelloServlet extends HttpServlet {

    static final LongAdder AUTHENTICATED = new LongAdder();
    static final LongAdder ANONYMOUS = new LongAdder();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = request.getUserPrincipal();
        (caller == null ? ANONYMOUS : AUTHENTICATED).increment();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("hello " + (caller == null ? "anonymous" : caller.getName()) + "\n");
    }
}
