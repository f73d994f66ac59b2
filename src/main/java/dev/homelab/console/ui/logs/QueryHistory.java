package dev.homelab.console.ui.logs;

import dev.homelab.console.app.Settings;
import javafx.collections.ObservableList;

import java.util.Arrays;

/** The last LogQL queries run, newest first, kept in the settings (queries are not secrets). */
final class QueryHistory {

    static final String SETTING = "logs.history";
    private static final int MAX = 30;

    private final Settings settings;
    private final ObservableList<String> history;

    QueryHistory(Settings settings, ObservableList<String> history) {
        this.settings = settings;
        this.history = history;
        settings.get(SETTING).ifPresent(saved -> history.setAll(Arrays.stream(saved.split("\n"))
                .filter(line -> !line.isBlank()).limit(MAX).toList()));
    }

    void remember(String query) {
        String trimmed = query.strip();
        if (trimmed.isEmpty() || trimmed.contains("\n")) {
            return;
        }
        history.remove(trimmed);
        history.add(0, trimmed);
        if (history.size() > MAX) {
            history.remove(MAX, history.size());
        }
        settings.put(SETTING, String.join("\n", history));
    }
}
