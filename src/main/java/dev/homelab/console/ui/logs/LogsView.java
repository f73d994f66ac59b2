package dev.homelab.console.ui.logs;

import atlantafx.base.theme.Styles;
import dev.homelab.console.logs.LogExport;
import dev.homelab.console.logs.LogLevel;
import dev.homelab.console.logs.LogQuery;
import dev.homelab.console.logs.LogRow;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.logs.TailState;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Logs page: query bar (mode, LogQL with completion and history, range, limit, order), quick pickers, filter bar
 * (levels, search, wrap, fold repeats, pretty JSON, copy, download), notices, the volume histogram in query mode, and
 * the virtualized line list with a detail pane for the selected line. Thin: state and commands are the ViewModel's.
 */
final class LogsView {

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private final LogsViewModel model;
    private final BooleanProperty prettyJson = new SimpleBooleanProperty(false);
    final ListView<LogRow> list = new ListView<>();
    final LogQlField queryField;
    final TextField searchField = new TextField();
    final ToggleButton tailMode = new ToggleButton("Live tail");
    final ToggleButton queryMode = new ToggleButton("Range query");
    final Button runButton = new Button("Run");
    final Button pauseButton = new Button("Pause");
    final Button stopButton = new Button("Stop");
    final Button clearButton = new Button("Clear");
    final ToggleButton followButton = new ToggleButton("Follow");
    final Label counts = new Label();
    final Label stateChip = new Label();
    final VolumeChart volume = new VolumeChart();
    final Map<LogLevel, ToggleButton> levelButtons = new LinkedHashMap<>();
    private final TextArea detail = new TextArea();
    private boolean scrollingProgrammatically;

    LogsView(LogsViewModel model) {
        this.model = model;
        this.queryField = new LogQlField(model.history, (context, reload) -> switch (context.kind()) {
            case LABEL_NAME -> model.pickers.labelNames;
            case LABEL_VALUE -> model.pickers.cachedValues(context.label(), reload);
            case NONE -> List.of();
        });
    }

    Node build() {
        VBox top = new VBox(6, queryBar(), pickerBar(), filterBar(), notices());
        top.setPadding(new Insets(10, 12, 6, 12));

        volume.visibleProperty().bind(model.histogram.isNotNull());
        volume.managedProperty().bind(volume.visibleProperty());
        model.histogram.addListener((o, a, b) -> volume.show(b));

        list.setItems(model.visible);
        list.getStyleClass().addAll("log-list", Styles.DENSE);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(view -> new LogRowCell(model::lineSearch, model.wrap::get, prettyJson::get));
        list.setPlaceholder(new Label("No lines yet"));
        list.setContextMenu(new ContextMenu(menuItem("Copy selected lines", this::copySelected),
                menuItem("Copy selected as JSON lines", this::copySelectedJson)));
        list.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copySelected();
            }
        });
        installFollowScroll();
        List.of(model.wrap, prettyJson).forEach(p -> p.addListener((o, a, b) -> list.refresh()));
        model.search.addListener((o, a, b) -> list.refresh());

        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("log-detail");
        detail.setPromptText("Select a line to see all its labels and the line, JSON prettified");
        list.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> showDetail(row));

        VBox center = new VBox(volume, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        SplitPane split = new SplitPane(center, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.86);
        SplitPane.setResizableWithParent(detail, false);

        BorderPane root = new BorderPane(split);
        root.setTop(top);
        root.getStyleClass().add("logs-page");
        root.getStylesheets().add(LogsView.class.getResource("logs.css").toExternalForm());
        return root;
    }

    private Node queryBar() {
        ToggleGroup modes = new ToggleGroup();
        tailMode.setToggleGroup(modes);
        queryMode.setToggleGroup(modes);
        tailMode.getStyleClass().add(Styles.LEFT_PILL);
        queryMode.getStyleClass().add(Styles.RIGHT_PILL);
        tailMode.setSelected(true);
        model.mode.addListener((o, a, mode) -> (mode == LogsViewModel.Mode.TAIL ? tailMode : queryMode)
                .setSelected(true));
        tailMode.setOnAction(e -> {
            tailMode.setSelected(true);
            model.startTail();
        });
        queryMode.setOnAction(e -> {
            queryMode.setSelected(true);
            model.runQuery();
        });

        queryField.textProperty().bindBidirectional(model.query);
        queryField.setOnAction(e -> run());
        HBox.setHgrow(queryField, Priority.ALWAYS);

        MenuButton historyButton = new MenuButton();
        historyButton.setGraphic(new FontIcon(Feather.CLOCK));
        historyButton.setTooltip(new Tooltip("Recent queries"));
        Runnable fillHistory = () -> historyButton.getItems().setAll(model.history.stream()
                .map(q -> menuItem(q, () -> {
                    model.query.set(q);
                    run();
                })).toList());
        model.history.addListener((ListChangeListener<String>) c -> fillHistory.run());
        fillHistory.run();

        ComboBox<RangeChoice> range = new ComboBox<>();
        range.getItems().setAll(RangeChoice.values());
        range.valueProperty().bindBidirectional(model.range);
        range.setTooltip(new Tooltip("Range of a range query"));
        TextField from = absoluteField("from", model.absoluteFrom);
        TextField to = absoluteField("to", model.absoluteTo);
        HBox absolute = new HBox(4, from, new Label("–"), to);
        absolute.setAlignment(Pos.CENTER_LEFT);
        absolute.visibleProperty().bind(model.range.isEqualTo(RangeChoice.ABSOLUTE));
        absolute.managedProperty().bind(absolute.visibleProperty());

        ComboBox<Integer> limit = new ComboBox<>();
        limit.getItems().setAll(100, 500, 1000, 2000, LogQuery.MAX_LIMIT);
        limit.valueProperty().bindBidirectional(model.limit);
        limit.setTooltip(new Tooltip("Most lines a range query returns (Loki allows up to 5,000)"));
        ComboBox<LogQuery.Direction> order = new ComboBox<>();
        order.getItems().setAll(LogQuery.Direction.values());
        order.valueProperty().bindBidirectional(model.direction);
        order.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(LogQuery.Direction d) {
                return d == LogQuery.Direction.FORWARD ? "Oldest first" : "Newest first";
            }

            @Override
            public LogQuery.Direction fromString(String s) {
                return s.startsWith("Oldest") ? LogQuery.Direction.FORWARD : LogQuery.Direction.BACKWARD;
            }
        });
        HBox queryOptions = new HBox(6, range, absolute, limit, order);
        queryOptions.setAlignment(Pos.CENTER_LEFT);
        queryOptions.visibleProperty().bind(model.mode.isEqualTo(LogsViewModel.Mode.QUERY));
        queryOptions.managedProperty().bind(queryOptions.visibleProperty());

        runButton.getStyleClass().add(Styles.ACCENT);
        runButton.setGraphic(new FontIcon(Feather.PLAY));
        runButton.setDefaultButton(false);
        runButton.setOnAction(e -> run());
        runButton.disableProperty().bind(model.busy);

        Button settings = new Button();
        settings.setGraphic(new FontIcon(Feather.SETTINGS));
        settings.setTooltip(new Tooltip("Loki address, tenant and buffer size"));
        settings.setOnAction(e -> editSettings());

        HBox bar = new HBox(6, new HBox(tailMode, queryMode), queryField, historyButton, queryOptions, runButton,
                settings);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void run() {
        if (model.mode.get() == LogsViewModel.Mode.QUERY) {
            model.runQuery();
        } else {
            model.startTail();
        }
    }

    private Node pickerBar() {
        Pickers pickers = model.pickers;
        ComboBox<String> namespace = picker("namespace", pickers.namespaces);
        ComboBox<String> pod = picker("pod", pickers.pods);
        ComboBox<String> container = picker("container", pickers.containers);
        ComboBox<String> node = picker("node", pickers.nodes);
        namespace.valueProperty().addListener((o, a, b) -> pickers.namespaceChosen(b));
        pod.valueProperty().addListener((o, a, b) -> pickers.podChosen(namespace.getValue(), b));
        Runnable apply = () -> {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("namespace", namespace.getValue());
            labels.put("pod", pod.getValue());
            labels.put("container", container.getValue());
            labels.put("node", node.getValue());
            if (labels.values().stream().anyMatch(v -> v != null && !v.isBlank())) {
                model.query.set(LogQlText.withSelector(model.query.get(), labels));
                run();
            }
        };
        List.of(namespace, pod, container, node).forEach(box -> box.setOnAction(e -> apply.run()));
        Button reset = new Button("Reset");
        reset.getStyleClass().add(Styles.FLAT);
        reset.setOnAction(e -> {
            List.of(namespace, pod, container, node).forEach(box -> box.setValue(null));
            model.query.set(LogsViewModel.DEFAULT_QUERY);
            run();
        });
        HBox bar = new HBox(6, new Label("Pick"), namespace, pod, container, node, reset);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static ComboBox<String> picker(String label, javafx.collections.ObservableList<String> values) {
        ComboBox<String> box = new ComboBox<>(values);
        box.setPromptText(label);
        box.setPrefWidth(170);
        box.setId("pick-" + label);
        return box;
    }

    private Node filterBar() {
        HBox levels = new HBox();
        LogLevel[] shown = LogLevel.values();
        for (int i = 0; i < shown.length; i++) {
            LogLevel level = shown[i];
            ToggleButton button = new ToggleButton(level == LogLevel.UNKNOWN ? "other" : level.shortName());
            button.setId("level-" + level.name().toLowerCase(Locale.ROOT));
            button.getStyleClass().addAll(Styles.SMALL, i == 0 ? Styles.LEFT_PILL
                    : i == shown.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL, "level-toggle",
                    "level-" + level.name().toLowerCase(Locale.ROOT));
            button.selectedProperty().bindBidirectional(model.levelShown.get(level));
            levels.getChildren().add(button);
            levelButtons.put(level, button);
        }

        searchField.setPromptText("Search (text, or /regex/)");
        searchField.textProperty().bindBidirectional(model.search);
        searchField.setPrefWidth(220);
        ToggleButton onlyMatching = smallToggle("Only matches", model.onlyMatching,
                "Hide lines that do not match the search (otherwise matches are only highlighted)");
        ToggleButton wrap = smallToggle("Wrap", model.wrap, "Wrap long lines");
        ToggleButton fold = smallToggle("Fold repeats", model.foldRepeats,
                "Show identical consecutive lines once, with a count");
        ToggleButton pretty = smallToggle("Pretty JSON", prettyJson, "Indent JSON lines");

        pauseButton.setGraphic(new FontIcon(Feather.PAUSE));
        pauseButton.setOnAction(e -> {
            if (model.tailState.get() == TailState.PAUSED) {
                model.resume();
            } else {
                model.pause();
            }
        });
        model.tailState.addListener((o, a, state) -> {
            pauseButton.setText(state == TailState.PAUSED ? "Resume" : "Pause");
            pauseButton.setGraphic(new FontIcon(state == TailState.PAUSED ? Feather.PLAY : Feather.PAUSE));
        });
        stopButton.setGraphic(new FontIcon(Feather.SQUARE));
        stopButton.setOnAction(e -> model.stop());
        clearButton.setGraphic(new FontIcon(Feather.TRASH_2));
        clearButton.setOnAction(e -> model.clear());
        followButton.selectedProperty().bindBidirectional(model.follow);
        followButton.setGraphic(new FontIcon(Feather.ARROW_DOWN));
        followButton.setTooltip(new Tooltip("Keep the newest line in view; scrolling up stops following"));
        HBox tailControls = new HBox(4, pauseButton, stopButton, clearButton, followButton);
        tailControls.getChildren().forEach(n -> n.getStyleClass().add(Styles.SMALL));
        tailControls.visibleProperty().bind(model.mode.isEqualTo(LogsViewModel.Mode.TAIL));
        tailControls.managedProperty().bind(tailControls.visibleProperty());

        MenuButton export = new MenuButton("Copy / download");
        export.getStyleClass().add(Styles.SMALL);
        export.setGraphic(new FontIcon(Feather.DOWNLOAD));
        export.getItems().setAll(menuItem("Copy visible lines", () -> copy(model.visible, LogExport.Format.TEXT)),
                menuItem("Copy visible lines as JSON lines", () -> copy(model.visible, LogExport.Format.JSON_LINES)),
                menuItem("Download as text…", () -> download(LogExport.Format.TEXT)),
                menuItem("Download as JSON lines…", () -> download(LogExport.Format.JSON_LINES)));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        counts.getStyleClass().add(Styles.TEXT_MUTED);
        counts.setMinWidth(Region.USE_PREF_SIZE);
        counts.textProperty().bind(Bindings.createStringBinding(this::countsText, model.visible, model.received,
                model.droppedByLoki, model.skippedByView, model.resultSummary, model.mode));
        HBox bar = new HBox(6, levels, searchField, onlyMatching, wrap, fold, pretty, spacer, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox controls = new HBox(8, tailControls, counts);
        controls.setAlignment(Pos.CENTER_LEFT);
        keepFullWidth(bar);
        keepFullWidth(levels);
        keepFullWidth(tailControls);
        return new VBox(6, bar, controls);
    }

    /** Buttons keep their text: the bar wraps into rows rather than truncating labels to "…". */
    private static void keepFullWidth(HBox box) {
        box.getChildren().forEach(node -> {
            if (node instanceof javafx.scene.control.Control control && !(node instanceof TextField)) {
                control.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
    }

    private String countsText() {
        if (model.mode.get() == LogsViewModel.Mode.QUERY) {
            return model.resultSummary.get() + (model.visible.size() == model.rows.size() ? ""
                    : String.format(" · %,d shown", model.visible.size()));
        }
        StringBuilder text = new StringBuilder(String.format("%,d shown · %,d received", model.visible.size(),
                model.received.get()));
        if (model.droppedByLoki.get() > 0) {
            text.append(String.format(" · %,d dropped by Loki", model.droppedByLoki.get()));
        }
        if (model.skippedByView.get() > 0) {
            text.append(String.format(" · %,d skipped (view behind)", model.skippedByView.get()));
        }
        return text.toString();
    }

    private Node notices() {
        stateChip.getStyleClass().add("tail-state");
        stateChip.textProperty().bind(Bindings.createStringBinding(() -> model.showingPodLog.get()
                ? "KUBERNETES API" : model.mode.get() == LogsViewModel.Mode.QUERY ? "QUERY"
                : model.tailState.get().name(), model.tailState, model.mode, model.showingPodLog));
        model.tailState.addListener((o, a, b) -> styleState());
        model.mode.addListener((o, a, b) -> styleState());
        styleState();
        Label connection = new Label();
        connection.textProperty().bind(model.connection);
        connection.getStyleClass().add(Styles.TEXT_MUTED);
        Label status = new Label();
        status.textProperty().bind(model.status);
        HBox line = new HBox(8, stateChip, connection, status);
        line.setAlignment(Pos.CENTER_LEFT);

        Label error = banner(model.error, "banner-error");
        Label notice = banner(model.notice, "banner-notice");
        Label podLog = new Label("Showing the pod's own log from the Kubernetes API (kubectl logs) — not from Loki.");
        podLog.getStyleClass().addAll("banner", "banner-k8s");
        podLog.visibleProperty().bind(model.showingPodLog);
        podLog.managedProperty().bind(podLog.visibleProperty());

        Label offer = new Label();
        offer.textProperty().bind(model.fallbackOffer);
        offer.setWrapText(true);
        Button show = new Button("Show the pod's log");
        show.setId("show-pod-log");
        show.getStyleClass().add(Styles.SMALL);
        show.setOnAction(e -> model.showPodLog());
        show.visibleProperty().bind(Bindings.createBooleanBinding(model::podLogAvailable, model.query));
        show.managedProperty().bind(show.visibleProperty());
        HBox offerBox = new HBox(8, offer, show);
        offerBox.setAlignment(Pos.CENTER_LEFT);
        offerBox.getStyleClass().addAll("banner", "banner-notice");
        offerBox.visibleProperty().bind(model.fallbackOffer.isNotEmpty());
        offerBox.managedProperty().bind(offerBox.visibleProperty());
        return new VBox(4, line, error, notice, podLog, offerBox);
    }

    private void styleState() {
        stateChip.getStyleClass().removeIf(c -> c.startsWith("state-"));
        String state = model.mode.get() == LogsViewModel.Mode.QUERY ? "query"
                : model.tailState.get().name().toLowerCase(Locale.ROOT);
        stateChip.getStyleClass().add("state-" + state);
    }

    private static Label banner(javafx.beans.property.StringProperty text, String style) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.getStyleClass().addAll("banner", style);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** Follow the newest line after each batch unless the user scrolled up; scrolling back to the end follows again. */
    private void installFollowScroll() {
        model.batches.addListener((o, a, b) -> {
            if (model.follow.get() && model.mode.get() == LogsViewModel.Mode.TAIL && !model.visible.isEmpty()) {
                scrollingProgrammatically = true;
                list.scrollTo(model.visible.size() - 1);
                scrollingProgrammatically = false;
            }
        });
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                model.follow.set(false);
            }
        });
        list.skinProperty().addListener((o, a, skin) -> {
            for (Node node : list.lookupAll(".scroll-bar")) {
                if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((obs, before, value) -> {
                        if (scrollingProgrammatically || model.mode.get() != LogsViewModel.Mode.TAIL) {
                            return;
                        }
                        if (value.doubleValue() < before.doubleValue()) {
                            model.follow.set(false);
                        } else if (value.doubleValue() >= bar.getMax() - 1e-6) {
                            model.follow.set(true);
                        }
                    });
                }
            }
        });
    }

    private void showDetail(LogRow row) {
        if (row == null) {
            detail.clear();
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append(row.entry().timestamp()).append("  ").append(row.entry().level()).append(row.repeats() > 1
                ? "  (repeated " + row.repeats() + " times)" : "").append('\n');
        if (row.entry().source() != dev.homelab.console.logs.LogEntry.Source.LOKI) {
            text.append("from the Kubernetes API, not Loki\n");
        }
        row.entry().labels().asMap().forEach((k, v) -> text.append(k).append('=').append(v).append("  "));
        text.append("\n\n").append(LogExport.prettyJson(row.entry().line()));
        detail.setText(text.toString());
    }

    private void copySelected() {
        copy(list.getSelectionModel().getSelectedItems(), LogExport.Format.TEXT);
    }

    private void copySelectedJson() {
        copy(list.getSelectionModel().getSelectedItems(), LogExport.Format.JSON_LINES);
    }

    private static void copy(List<LogRow> rows, LogExport.Format format) {
        ClipboardContent content = new ClipboardContent();
        content.putString(LogExport.join(List.copyOf(rows), format));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void download(LogExport.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save visible lines");
        chooser.setInitialFileName(format == LogExport.Format.TEXT ? "loki-lines.log" : "loki-lines.jsonl");
        File file = chooser.showSaveDialog(list.getScene().getWindow());
        if (file != null) {
            try {
                LogExport.write(List.copyOf(model.visible), format, file.toPath());
                model.notice.set(String.format("Saved %,d lines to %s", model.visible.size(), file));
            } catch (RuntimeException e) {
                model.error.set(e.getMessage());
            }
        }
    }

    private void editSettings() {
        TextInputDialog address = new TextInputDialog(model.setting(LokiConnector.SETTING_ADDRESS).orElse(""));
        address.setTitle("Loki connection");
        address.setHeaderText("Loki's address (leave empty to find Loki in the cluster and reach it through a "
                + "port-forward), then the tenant");
        address.setContentText("Address (http://host:port)");
        address.showAndWait().ifPresent(url -> {
            TextInputDialog tenant = new TextInputDialog(model.setting(LokiConnector.SETTING_TENANT).orElse(""));
            tenant.setTitle("Loki tenant");
            tenant.setHeaderText("X-Scope-OrgID sent to Loki when it runs with auth_enabled (empty: none)");
            tenant.setContentText("Tenant");
            tenant.showAndWait().ifPresent(t -> {
                TextInputDialog size = new TextInputDialog(Integer.toString(model.capacity()));
                size.setTitle("Buffer size");
                size.setHeaderText("Lines kept in the view (older lines leave it)");
                size.setContentText("Lines");
                size.showAndWait().ifPresent(lines -> {
                    try {
                        model.setCapacity(Math.max(100, Math.min(200_000, Integer.parseInt(lines.strip()))));
                    } catch (NumberFormatException e) {
                        model.error.set("The buffer size must be a number of lines, was \"" + lines + "\"");
                    }
                });
                model.saveConnectionSettings(url, t, model.notice::set);
            });
        });
    }

    private TextField absoluteField(String prompt, javafx.beans.property.ObjectProperty<java.time.Instant> target) {
        TextField field = new TextField();
        field.setPromptText(prompt + " yyyy-MM-dd HH:mm");
        field.setPrefWidth(140);
        field.textProperty().addListener((o, a, text) -> {
            try {
                target.set(LocalDateTime.parse(text.strip(), ABSOLUTE).atZone(ZoneId.systemDefault()).toInstant());
                field.getStyleClass().remove(Styles.DANGER);
            } catch (DateTimeParseException e) {
                target.set(null);
                if (!field.getStyleClass().contains(Styles.DANGER)) {
                    field.getStyleClass().add(Styles.DANGER);
                }
            }
        });
        return field;
    }

    private static ToggleButton smallToggle(String text, BooleanProperty property, String tooltip) {
        ToggleButton toggle = new ToggleButton(text);
        toggle.getStyleClass().add(Styles.SMALL);
        toggle.selectedProperty().bindBidirectional(property);
        toggle.setTooltip(new Tooltip(tooltip));
        return toggle;
    }

    private static MenuItem menuItem(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }
}
