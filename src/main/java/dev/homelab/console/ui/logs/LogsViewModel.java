package dev.homelab.console.ui.logs;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.app.Settings;
import dev.homelab.console.logs.DroppedEntry;
import dev.homelab.console.logs.LineBatcher;
import dev.homelab.console.logs.LineSearch;
import dev.homelab.console.logs.LogBuffer;
import dev.homelab.console.logs.LogEntry;
import dev.homelab.console.logs.LogLevel;
import dev.homelab.console.logs.LogQuery;
import dev.homelab.console.logs.LogRow;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.LokiTail;
import dev.homelab.console.logs.PodLogFollower;
import dev.homelab.console.logs.QueryResult;
import dev.homelab.console.logs.TailListener;
import dev.homelab.console.logs.TailOptions;
import dev.homelab.console.logs.TailState;
import dev.homelab.console.logs.VolumeHistogram;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.common.FxCoalescer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.util.Duration;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * State and commands of the Logs page. Lines arrive on tail threads into a {@link LineBatcher}; a 100 ms timeline on
 * the FX thread moves them into the bounded {@link LogBuffer} in one batch, so the view changes at most ten times a
 * second however fast the stream. Everything slow (connecting, queries, label lookups) runs in {@link BackgroundTasks}.
 */
public final class LogsViewModel {

    public enum Mode { TAIL, QUERY }

    static final String DEFAULT_QUERY = "{namespace=\"kube-system\"}";
    static final String SETTING_BUFFER = "logs.bufferLines";
    static final Duration BATCH_INTERVAL = Duration.millis(100);
    /** Lines moved into the view per update at most: 5,000 lines/s sustained; bursts spread over several updates. */
    static final int MAX_LINES_PER_BATCH = 500;
    private static final java.time.Duration NO_LINES_OFFER_AFTER = java.time.Duration.ofSeconds(5);

    final StringProperty query = new SimpleStringProperty(DEFAULT_QUERY);
    final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.TAIL);
    final ObjectProperty<RangeChoice> range = new SimpleObjectProperty<>(RangeChoice.LAST_HOUR);
    final ObjectProperty<Instant> absoluteFrom = new SimpleObjectProperty<>();
    final ObjectProperty<Instant> absoluteTo = new SimpleObjectProperty<>();
    final ObjectProperty<Integer> limit = new SimpleObjectProperty<>(1000);
    final ObjectProperty<LogQuery.Direction> direction = new SimpleObjectProperty<>(LogQuery.Direction.BACKWARD);
    final StringProperty search = new SimpleStringProperty("");
    final BooleanProperty onlyMatching = new SimpleBooleanProperty(true);
    final Map<LogLevel, BooleanProperty> levelShown = new EnumMap<>(LogLevel.class);
    final BooleanProperty wrap = new SimpleBooleanProperty(false);
    final BooleanProperty foldRepeats = new SimpleBooleanProperty(true);
    final BooleanProperty follow = new SimpleBooleanProperty(true);

    final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    final FilteredList<LogRow> visible = new FilteredList<>(rows);
    final StringProperty connection = new SimpleStringProperty("Not connected to Loki yet");
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty notice = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final ObjectProperty<TailState> tailState = new SimpleObjectProperty<>(TailState.STOPPED);
    final LongProperty received = new SimpleLongProperty();
    final LongProperty droppedByLoki = new SimpleLongProperty();
    final LongProperty skippedByView = new SimpleLongProperty();
    final ObjectProperty<VolumeHistogram> histogram = new SimpleObjectProperty<>();
    final StringProperty resultSummary = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty();
    final StringProperty fallbackOffer = new SimpleStringProperty("");
    final BooleanProperty showingPodLog = new SimpleBooleanProperty();
    /** Counts applied batches: the view scrolls once per batch, not once per list change. */
    final LongProperty batches = new SimpleLongProperty();
    final ObservableList<String> history = FXCollections.observableArrayList();
    final Pickers pickers;

    private final ConsoleContext console;
    private final BackgroundTasks tasks;
    private final Settings settings;
    private final Clock clock;
    private final LineBatcher batcher;
    private final LogBuffer buffer;
    private final QueryHistory queryHistory;
    private final Timeline drain;
    private final AtomicLong droppedCount = new AtomicLong();
    private final FxCoalescer<String[]> stateUpdates;
    private volatile LokiClient client;
    private LokiTail tail;
    private PodLogFollower podLog;
    private long liveSinceNanos;

    public LogsViewModel(ConsoleContext console, BackgroundTasks tasks, Clock clock) {
        this.console = console;
        this.tasks = tasks;
        this.clock = clock;
        this.settings = Settings.load(console.dirs());
        int capacity = (int) settings.getDouble(SETTING_BUFFER, LogBuffer.DEFAULT_CAPACITY);
        this.batcher = new LineBatcher(capacity);
        this.buffer = new LogBuffer(rows, capacity, true);
        this.queryHistory = new QueryHistory(settings, history);
        this.pickers = new Pickers(console, tasks, this::client, clock);
        for (LogLevel level : LogLevel.values()) {
            BooleanProperty shown = new SimpleBooleanProperty(true);
            shown.addListener((o, a, b) -> refilter());
            levelShown.put(level, shown);
        }
        search.addListener((o, a, b) -> refilter());
        onlyMatching.addListener((o, a, b) -> refilter());
        foldRepeats.addListener((o, a, b) -> buffer.setFoldRepeats(b));
        stateUpdates = new FxCoalescer<>(update -> {
            tailState.set(TailState.valueOf(update[0]));
            status.set(update[1]);
        });
        drain = new Timeline(new KeyFrame(BATCH_INTERVAL, e -> drainBatch()));
        drain.setCycleCount(Timeline.INDEFINITE);
    }

    /** The buffer's size in lines. */
    public int capacity() {
        return buffer.capacity();
    }

    /** Connects to Loki (in the background) and, when that works, starts tailing the current query. */
    void connect() {
        busy.set(true);
        Optional<URI> override = settings.get(LokiConnector.SETTING_ADDRESS).filter(s -> !s.isBlank()).map(URI::create);
        Optional<String> tenant = settings.get(LokiConnector.SETTING_TENANT);
        tasks.submit("Connecting to Loki", progress -> {
            try {
                LokiConnector.Target target = LokiConnector.connect(console.cluster(), override, tenant, progress);
                LokiClient created = new LokiClient(target.connection(), LokiClient.defaultHttpClient());
                progress.update("Asking Loki for its version", -1);
                String version = created.version();
                return new Object[]{target, created, version};
            } catch (LokiException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, result -> {
            busy.set(false);
            LokiConnector.Target target = (LokiConnector.Target) result[0];
            client = (LokiClient) result[1];
            connection.set("Loki " + result[2] + " — " + target.description());
            target.tenantWarning().ifPresent(notice::set);
            error.set("");
            pickers.loadNamespaces();
            if (mode.get() == Mode.TAIL) {
                startTail();
            } else {
                runQuery();
            }
        }, failure -> {
            busy.set(false);
            connection.set("Loki is not reachable");
            error.set(failure.getMessage());
            pickers.loadFromKubernetes();
            offerPodLog("Loki is not reachable.");
        });
    }

    Optional<LokiClient> client() {
        return Optional.ofNullable(client);
    }

    // ---- live tail ----

    void startTail() {
        if (client == null) {
            connect();
            return;
        }
        stopStreams();
        mode.set(Mode.TAIL);
        clear();
        histogram.set(null);
        resultSummary.set("");
        error.set("");
        fallbackOffer.set("");
        queryHistory.remember(query.get());
        TailOptions options;
        try {
            options = TailOptions.of(query.get().strip());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        tail = new LokiTail(client, options, listener(), clock);
        liveSinceNanos = System.nanoTime();
        tail.start();
        drain.play();
    }

    void pause() {
        if (tail != null) {
            tail.pause();
        }
    }

    void resume() {
        if (tail != null) {
            tail.resume();
        }
    }

    void stop() {
        stopStreams();
        tailState.set(TailState.STOPPED);
        status.set("Stopped");
    }

    void clear() {
        batcher.clear();
        buffer.clear();
        received.set(0);
        droppedCount.set(0);
        droppedByLoki.set(0);
    }

    private TailListener listener() {
        return new TailListener() {
            @Override
            public void onEntries(List<LogEntry> entries) {
                batcher.offer(entries);
            }

            @Override
            public void onDropped(List<DroppedEntry> dropped) {
                droppedCount.addAndGet(dropped.size());
            }

            @Override
            public void onState(TailState state, String message) {
                stateUpdates.push(new String[]{state.name(), message});
            }

            @Override
            public void onRebound(String previousVia, String currentVia) {
                Platform.runLater(() -> notice.set("Loki connection re-bound: " + previousVia + " → " + currentVia
                        + ". The tail resumed from the last line seen."));
            }
        };
    }

    /** FX thread, every 100 ms while a stream runs: one batch into the buffer. */
    void drainBatch() {
        List<LogEntry> batch = batcher.drain(MAX_LINES_PER_BATCH);
        if (!batch.isEmpty()) {
            // Loki groups a tail message by stream; the view reads better in time order across streams
            batch.sort(java.util.Comparator.comparingLong(LogEntry::timestampNanos));
            buffer.append(batch);
            received.set(received.get() + batch.size());
            batches.set(batches.get() + 1);
        }
        skippedByView.set(batcher.discarded());
        droppedByLoki.set(droppedCount.get());
        if (tail != null && received.get() == 0 && tailState.get() == TailState.LIVE && fallbackOffer.get().isEmpty()
                && System.nanoTime() - liveSinceNanos > NO_LINES_OFFER_AFTER.toNanos()) {
            offerPodLog("Loki has no lines for this selection yet.");
        }
    }

    // ---- range query ----

    void runQuery() {
        if (client == null) {
            mode.set(Mode.QUERY);
            connect();
            return;
        }
        stopStreams();
        mode.set(Mode.QUERY);
        error.set("");
        fallbackOffer.set("");
        LogQuery logQuery;
        try {
            logQuery = buildQuery();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        queryHistory.remember(logQuery.logql());
        busy.set(true);
        LokiClient current = client;
        long started = System.nanoTime();
        tasks.submit("Loki query", progress -> {
            try {
                progress.update("Reading lines", -1);
                QueryResult result = current.queryRange(logQuery);
                progress.update("Counting lines over time", -1);
                VolumeHistogram volume;
                try {
                    volume = current.volume(logQuery.logql(), logQuery.start(), logQuery.end(), 120);
                } catch (LokiException e) {
                    volume = null;
                }
                return new Object[]{result, volume};
            } catch (LokiException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, result -> {
            busy.set(false);
            QueryResult lines = (QueryResult) result[0];
            clear();
            buffer.setCapacity(Math.max(buffer.capacity(), lines.entries().size()));
            buffer.append(lines.entries());
            received.set(lines.entries().size());
            histogram.set((VolumeHistogram) result[1]);
            double seconds = (System.nanoTime() - started) / 1e9;
            VolumeHistogram volume = (VolumeHistogram) result[1];
            resultSummary.set(String.format("%,d lines%s%s · %.1f s", lines.entries().size(),
                    lines.limitReached() ? " (limit reached)" : "",
                    volume == null ? "" : String.format(" of %,d in the range", volume.total()), seconds));
            if (lines.entries().isEmpty()) {
                offerPodLog("Loki has no lines for this selection in the range.");
            }
        }, failure -> {
            busy.set(false);
            error.set(failure.getMessage());
        });
    }

    private LogQuery buildQuery() {
        Instant to;
        Instant from;
        if (range.get() == RangeChoice.ABSOLUTE) {
            from = absoluteFrom.get();
            to = absoluteTo.get();
            if (from == null || to == null) {
                throw new IllegalArgumentException("Enter both ends of the absolute range as yyyy-MM-dd HH:mm");
            }
        } else {
            to = clock.instant();
            from = to.minus(range.get().period);
        }
        return new LogQuery(query.get().strip(), from, to, limit.get(), direction.get(), null);
    }

    // ---- pod log from the Kubernetes API ----

    private void offerPodLog(String why) {
        Map<String, String> selected = LogQlText.equalities(query.get());
        if (selected.containsKey("pod") && selected.containsKey("namespace")) {
            fallbackOffer.set(why + " Show pod " + selected.get("namespace") + "/" + selected.get("pod")
                    + "'s own log from the Kubernetes API?");
        } else if (!why.isEmpty()) {
            fallbackOffer.set(why + " Pick a namespace and pod to read its own log from the Kubernetes API.");
        }
    }

    boolean podLogAvailable() {
        Map<String, String> selected = LogQlText.equalities(query.get());
        return selected.containsKey("pod") && selected.containsKey("namespace");
    }

    void showPodLog() {
        Map<String, String> selected = LogQlText.equalities(query.get());
        if (!podLogAvailable()) {
            return;
        }
        stopStreams();
        clear();
        histogram.set(null);
        fallbackOffer.set("");
        podLog = new PodLogFollower(console.cluster().kube(), selected.get("namespace"), selected.get("pod"),
                selected.get("container"));
        PodLogFollower follower = podLog;
        showingPodLog.set(true);
        drain.play();
        tasks.submit("Reading the pod's log", progress -> {
            try {
                follower.follow(500, listener());
                return true;
            } catch (LokiException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, ok -> { }, failure -> {
            showingPodLog.set(false);
            error.set(failure.getMessage());
        });
    }

    // ---- filters, export ----

    private void refilter() {
        LineSearch lineSearch = LineSearch.of(search.get());
        boolean filterBySearch = onlyMatching.get() && !lineSearch.isEmpty();
        boolean[] shown = new boolean[LogLevel.values().length];
        levelShown.forEach((level, property) -> shown[level.ordinal()] = property.get());
        visible.setPredicate(row -> shown[row.entry().level().ordinal()]
                && (!filterBySearch || lineSearch.matches(row.entry().line())));
        error.set(lineSearch.error() == null ? "" : lineSearch.error());
    }

    LineSearch lineSearch() {
        return LineSearch.of(search.get());
    }

    void setCapacity(int lines) {
        buffer.setCapacity(lines);
        settings.putDouble(SETTING_BUFFER, lines);
    }

    void saveConnectionSettings(String address, String tenant, Consumer<String> onSaved) {
        settings.put(LokiConnector.SETTING_ADDRESS, address == null || address.isBlank() ? null : address.strip());
        settings.put(LokiConnector.SETTING_TENANT, tenant == null || tenant.isBlank() ? null : tenant.strip());
        client = null;
        stopStreams();
        onSaved.accept("Reconnecting to Loki with the new settings");
        connect();
    }

    Optional<String> setting(String key) {
        return settings.get(key);
    }

    private void stopStreams() {
        if (tail != null) {
            tail.stop();
            tail = null;
        }
        if (podLog != null) {
            podLog.close();
            podLog = null;
            showingPodLog.set(false);
        }
        drainBatch();
        drain.stop();
    }

    void dispose() {
        stopStreams();
        pickers.dispose();
    }
}
