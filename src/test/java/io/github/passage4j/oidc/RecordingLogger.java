package io.github.passage4j.oidc;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps what is logged, at every level, for tests of what a log says (shared: public). */
public final class RecordingLogger implements System.Logger {

    /** One logged message, its parameters filled in. */
    public record Entry(Level level, String message) {
    }

    public final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** The messages logged at {@code level}. */
    public List<String> at(Level level) {
        return entries.stream().filter(each -> each.level() == level).map(Entry::message).toList();
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        entries.add(new Entry(level, message));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null || params.length == 0 ? format
                : MessageFormat.format(format, params)));
    }
}
