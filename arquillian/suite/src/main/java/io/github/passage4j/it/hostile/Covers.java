package io.github.passage4j.it.hostile;

import io.github.passage4j.provider.HostileCase;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the test method that puts the app through one {@link HostileCase}, so that a test can check none is left out. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {

    HostileCase value();
}
