package io.github.passage4j.ee;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/**
 * Keeps pending sign-in attempts, bound to the browser that started them. Each state is usable once.
 */
interface SignInStateStore {

    /** Remembers an attempt for the browser that sent {@code request}. */
    void save(HttpServletRequest request, HttpServletResponse response, SignInState attempt);

    /**
     * Takes the attempt with this {@code state} value out of the store, so that it can never be used again.
     *
     * @return the attempt, or empty when the value is unknown to this browser, used already or expired
     */
    Optional<SignInState> consume(HttpServletRequest request, HttpServletResponse response, String state);
}
