package io.github.passage4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The public sign-in API builds the sign-in path the library's sign-in stage reads. */
class PassageSignInTest {

    private static HttpServletRequest requestUnder(String contextPath) {
        return (HttpServletRequest) Proxy.newProxyInstance(PassageSignInTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getContextPath")) {
                        return contextPath;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theParametersAndTheReturnPathGoIntoTheSignInPath() {
        PassageSignIn signIn = PassageSignIn.with().prompt("login").maxAge(Duration.ofMinutes(5))
                .acrValues("gold", "silver").loginHint("ada+1@example.com").uiLocales("de", "en")
                .returnTo("/transfer?amount=10&to=x");
        assertEquals("/passage/signin?return=%2Ftransfer%3Famount%3D10%26to%3Dx&prompt=login&max_age=300"
                + "&acr_values=gold%20silver&login_hint=ada%2B1%40example.com&ui_locales=de%20en", signIn.path());
        assertEquals("/app" + signIn.path(), signIn.url(requestUnder("/app")));
    }

    @Test
    void aNamedDefinitionHasItsOwnPath() {
        assertEquals("/passage/signin/partner?prompt=consent%20login",
                PassageSignIn.with().definition("partner").prompt("consent", "login").path());
        assertEquals("/passage/signin", PassageSignIn.with().path());
        assertThrows(IllegalArgumentException.class, () -> PassageSignIn.with().definition("../x"));
    }

    @Test
    void eachStepMakesANewValue() {
        PassageSignIn plain = PassageSignIn.with();
        plain.prompt("login");
        assertEquals("/passage/signin", plain.path());
    }

    @Test
    void obviousMistakesFailAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> PassageSignIn.with().maxAge(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> PassageSignIn.with().loginHint(" "));
        assertThrows(NullPointerException.class, () -> PassageSignIn.with().loginHint(null));
    }

    @Test
    void redirectSendsTheBrowserThere() throws Exception {
        AtomicReference<String> location = new AtomicReference<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                PassageSignInTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendRedirect")) {
                        location.set((String) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        PassageSignIn.with().prompt("login").redirect(requestUnder(""), response);
        assertEquals("/passage/signin?prompt=login", location.get());
    }
}
