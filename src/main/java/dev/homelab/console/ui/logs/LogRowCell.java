package dev.homelab.console.ui.logs;

import dev.homelab.console.logs.LineSearch;
import dev.homelab.console.logs.LogEntry;
import dev.homelab.console.logs.LogExport;
import dev.homelab.console.logs.LogLevel;
import dev.homelab.console.logs.LogRow;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One line of the virtualized log list: time, coloured level, a few labels as chips, the line with search matches
 * highlighted (wrapped or on one line), a repeat count for folded duplicates, and a mark on lines that come from the
 * Kubernetes API instead of Loki. Cells are reused by the ListView, so nothing here allocates per line stored.
 */
final class LogRowCell extends ListCell<LogRow> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final List<String> CHIP_LABELS = List.of("namespace", "pod", "container", "node", "unit");
    private static final Set<String> LEVEL_CLASSES = Set.of("level-critical", "level-error", "level-warning",
            "level-info", "level-debug", "level-trace", "level-unknown");

    private final Label time = new Label();
    private final Label level = new Label();
    private final HBox chips = new HBox(4);
    private final Label[] chipLabels = new Label[CHIP_LABELS.size()];
    private final TextFlow text = new TextFlow();
    private final Text plainLine = new Text();
    private final Label repeats = new Label();
    private final Label source = new Label("k8s API");
    private final HBox box = new HBox(8, time, level, chips, text, repeats);
    private final Supplier<LineSearch> search;
    private final Supplier<Boolean> wrap;
    private final Supplier<Boolean> prettyJson;

    LogRowCell(Supplier<LineSearch> search, Supplier<Boolean> wrap, Supplier<Boolean> prettyJson) {
        this.search = search;
        this.wrap = wrap;
        this.prettyJson = prettyJson;
        getStyleClass().add("log-row");
        time.getStyleClass().add("log-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        level.getStyleClass().add("log-level");
        level.setMinWidth(46);
        chips.setMinWidth(Region.USE_PREF_SIZE);
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.getChildren().add(source);
        for (int i = 0; i < chipLabels.length; i++) {
            Label chip = new Label();
            chip.getStyleClass().add("log-chip");
            chip.setMinWidth(Region.USE_PREF_SIZE);
            chipLabels[i] = chip;
            chips.getChildren().add(chip);
        }
        text.getStyleClass().add("log-line");
        plainLine.getStyleClass().add("log-text");
        repeats.getStyleClass().add("log-repeats");
        source.getStyleClass().add("log-source-k8s");
        HBox.setHgrow(text, Priority.ALWAYS);
        box.setAlignment(Pos.TOP_LEFT);
        setGraphic(null);
        setText(null);
    }

    @Override
    protected void updateItem(LogRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        LogEntry entry = row.entry();
        time.setText(TIME.format(entry.timestamp()));
        LogLevel lvl = entry.level();
        level.setText(lvl.shortName());
        level.getStyleClass().removeAll(LEVEL_CLASSES);
        level.getStyleClass().add("level-" + lvl.name().toLowerCase(Locale.ROOT));
        boolean fromKubernetes = entry.source() == LogEntry.Source.KUBERNETES_API;
        source.setVisible(fromKubernetes);
        source.setManaged(fromKubernetes);
        for (int i = 0; i < chipLabels.length; i++) {
            String value = entry.labels().get(CHIP_LABELS.get(i));
            chipLabels[i].setText(value);
            chipLabels[i].setVisible(value != null);
            chipLabels[i].setManaged(value != null);
        }
        String line = prettyJson.get() && entry.looksLikeJson() ? LogExport.prettyJson(entry.line()) : entry.line();
        LineSearch lineSearch = search.get();
        if (lineSearch.isEmpty()) {
            // the common case while tailing: one reused Text node, no new nodes to style
            plainLine.setText(line);
            if (text.getChildren().size() != 1 || text.getChildren().get(0) != plainLine) {
                text.getChildren().setAll(plainLine);
            }
        } else {
            text.getChildren().setAll(highlighted(line, lineSearch));
        }
        boolean wrapped = wrap.get() || prettyJson.get() && entry.looksLikeJson();
        text.setMinWidth(wrapped ? 0 : Region.USE_PREF_SIZE);
        text.setPrefWidth(wrapped ? 100 : Region.USE_COMPUTED_SIZE);
        repeats.setVisible(row.repeats() > 1);
        repeats.setManaged(row.repeats() > 1);
        repeats.setText("×" + row.repeats());
        setGraphic(box);
    }

    static List<Text> highlighted(String line, LineSearch search) {
        List<Text> parts = new ArrayList<>();
        int at = 0;
        for (int[] range : search.ranges(line)) {
            if (range[0] > at) {
                parts.add(plain(line.substring(at, range[0])));
            }
            Text match = new Text(line.substring(range[0], range[1]));
            match.getStyleClass().addAll("log-text", "log-match");
            parts.add(match);
            at = range[1];
        }
        if (at < line.length() || parts.isEmpty()) {
            parts.add(plain(line.substring(at)));
        }
        return parts;
    }

    private static Text plain(String value) {
        Text text = new Text(value);
        text.getStyleClass().add("log-text");
        return text;
    }
}
