package io.github.passage4j.it.misconfig;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Copies what this JVM prints to {@code System.out} while open, still printing it as before. A managed server whose
 * adapter echoes the server's console here (Payara Micro's does) can so be read by a test.
 */
final class ConsoleCapture implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    ConsoleCapture() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** The text so far, once it holds {@code expected} or {@code patience} has passed (the echo is asynchronous). */
    String await(String expected, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!text().contains(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return text();
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}
