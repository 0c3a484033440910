package io.github.passage4j.it.misconfig;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Says so on the server's console if the misconfigured app ever starts, which it must not. */
@WebListener
public class AppStartedListener implements ServletContextListener {

    static final String STARTED = "passage4j-it: the misconfigured app started";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        System.out.println(STARTED);
    }
}
