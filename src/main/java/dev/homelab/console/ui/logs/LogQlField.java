package dev.homelab.console.ui.logs;

import javafx.collections.ObservableList;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The LogQL input: completes label names after {@code {} or {@code ,} and label values inside quotes (from Loki's
 * label API), and walks the query history with Up/Down when no completion is open. Enter runs the query.
 */
final class LogQlField extends TextField {

    private static final int MAX_SUGGESTIONS = 12;

    private final ContextMenu suggestions = new ContextMenu();
    private final ObservableList<String> history;
    private final BiFunction<LogQlText.Context, Runnable, List<String>> candidates;
    private int historyIndex = -1;

    LogQlField(ObservableList<String> history, BiFunction<LogQlText.Context, Runnable, List<String>> candidates) {
        this.history = history;
        this.candidates = candidates;
        getStyleClass().add("logql-field");
        setPromptText("LogQL, e.g. {namespace=\"kube-system\"} |= \"error\"");
        suggestions.setAutoHide(true);
        textProperty().addListener((o, a, b) -> {
            if (isFocused()) {
                suggest();
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                suggestions.hide();
            }
        });
    }

    private void onKey(KeyEvent event) {
        if (event.getCode() == KeyCode.ESCAPE) {
            suggestions.hide();
        } else if (event.getCode() == KeyCode.SPACE && event.isControlDown()) {
            suggest();
            event.consume();
        } else if (!suggestions.isShowing() && (event.getCode() == KeyCode.UP || event.getCode() == KeyCode.DOWN)) {
            walkHistory(event.getCode() == KeyCode.UP ? 1 : -1);
            event.consume();
        } else if (event.getCode() == KeyCode.ENTER) {
            suggestions.hide();
        }
    }

    private void walkHistory(int step) {
        if (history.isEmpty()) {
            return;
        }
        historyIndex = Math.max(-1, Math.min(history.size() - 1, historyIndex + step));
        if (historyIndex >= 0) {
            setText(history.get(historyIndex));
            positionCaret(getText().length());
        }
    }

    private void suggest() {
        LogQlText.Context context = LogQlText.contextAt(getText(), getCaretPosition());
        if (context.kind() == LogQlText.Context.Kind.NONE) {
            suggestions.hide();
            return;
        }
        String prefix = context.prefix().toLowerCase(Locale.ROOT);
        List<String> matches = candidates.apply(context, this::suggest).stream()
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(prefix) && !value.equals(context.prefix()))
                .limit(MAX_SUGGESTIONS)
                .toList();
        if (matches.isEmpty()) {
            suggestions.hide();
            return;
        }
        suggestions.getItems().setAll(matches.stream().map(value -> {
            CustomMenuItem item = new CustomMenuItem(new Label(value), true);
            item.setOnAction(e -> accept(context, value));
            return item;
        }).toList());
        if (!suggestions.isShowing() && getScene() != null && getScene().getWindow() != null) {
            suggestions.show(this, Side.BOTTOM, 0, 0);
        }
    }

    private void accept(LogQlText.Context context, String value) {
        String text = getText();
        int caret = getCaretPosition();
        String insert = context.kind() == LogQlText.Context.Kind.LABEL_NAME ? value + "=\"" : value + "\"";
        String after = text.substring(caret);
        if (context.kind() == LogQlText.Context.Kind.LABEL_VALUE && after.startsWith("\"")) {
            after = after.substring(1);
        }
        setText(text.substring(0, context.replaceFrom()) + insert + after);
        positionCaret(context.replaceFrom() + insert.length());
    }
}
