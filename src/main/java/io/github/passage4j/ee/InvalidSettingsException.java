package io.github.passage4j.ee;

import java.io.Serial;
import java.util.List;

/** One or more settings of {@code @PassageAuthenticationDefinition} are missing or malformed. */
final class InvalidSettingsException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    InvalidSettingsException(List<String> problems) {
        super("Passage4J: invalid @PassageAuthenticationDefinition settings:\n  - " + String.join("\n  - ", problems));
    }
}
