package dev.homelab.console.logs;

import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A live tail over Loki's WebSocket API ({@code /loki/api/v1/tail}) that survives what a long session meets: Loki
 * closing tails at {@code tail_max_duration}, a port-forward whose pod went away, a restarting Loki, 429 limits.
 * <p>
 * Every (re)connection resumes from the newest line seen: the gap is first read with {@code query_range} (forward, in
 * pages), then the tail opens with {@code start} a little before that line; a {@link SeenWindow} removes what was
 * already delivered, by (timestamp, stream labels, line). Failures are retried with exponential back-off (honouring
 * Retry-After); a bad query or a missing tenant stops the tail with {@link TailState#FAILED}. Pause closes the socket and
 * resume catches up the same way, so nothing is lost or doubled.
 */
public final class LokiTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LokiTail.class);
    private static final int NORMAL_CLOSURE = 1000;

    private final LokiClient client;
    private final TailOptions options;
    private final TailListener listener;
    private final Clock clock;
    private final SeenWindow seen;
    private final LabelsInterner interner = new LabelsInterner();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loki-tail");
        thread.setDaemon(true);
        return thread;
    });

    private final Object lock = new Object();
    private WebSocket socket;
    private int generation;
    private TailState state = TailState.CONNECTING;
    private boolean started;
    private boolean stopped;
    private Duration backoff;
    private String via;
    private ScheduledFuture<?> rollover;
    private long received;

    public LokiTail(LokiClient client, TailOptions options, TailListener listener, Clock clock) {
        this.client = client;
        this.options = options;
        this.listener = listener;
        this.clock = clock;
        this.seen = new SeenWindow(options.overlap().toNanos());
        this.backoff = options.backoffInitial();
    }

    public LokiTail(LokiClient client, TailOptions options, TailListener listener) {
        this(client, options, listener, Clock.systemUTC());
    }

    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("This tail was already started; create a new one");
            }
            started = true;
        }
        scheduler.execute(() -> connect(false));
    }

    /** Closes the connection but remembers where it was; {@link #resume()} catches up from there. */
    public void pause() {
        synchronized (lock) {
            if (stopped || state == TailState.FAILED || state == TailState.PAUSED) {
                return;
            }
            dropConnection("paused by the user");
            setState(TailState.PAUSED, "Paused; resuming reads what arrived meanwhile");
        }
    }

    public void resume() {
        synchronized (lock) {
            if (state != TailState.PAUSED) {
                return;
            }
            setState(TailState.RECONNECTING, "Resuming from the last line seen");
        }
        scheduler.execute(() -> connect(false));
    }

    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            dropConnection("stopped by the user");
            setState(TailState.STOPPED, "Stopped");
        }
        scheduler.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public TailState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Lines delivered so far (after duplicates were removed). */
    public long received() {
        synchronized (lock) {
            return received;
        }
    }

    private void connect(boolean afterFailure) {
        int myGeneration;
        synchronized (lock) {
            if (stopped || state == TailState.PAUSED || state == TailState.FAILED) {
                return;
            }
            myGeneration = ++generation;
            setState(via == null ? TailState.CONNECTING : TailState.RECONNECTING,
                    via == null ? "Connecting to Loki" : "Reconnecting to Loki");
        }
        try {
            LokiEndpoint endpoint = afterFailure ? client.connection().reopen() : client.connection().endpoint();
            noticeRebind(endpoint.via());
            OptionalLong newest = seen.newest();
            long startNanos;
            if (newest.isPresent()) {
                fillGap(newest.getAsLong(), myGeneration);
                startNanos = seen.newest().getAsLong() - options.overlap().toNanos();
            } else {
                startNanos = NanoTime.of(clock.instant().minus(options.lookback()));
            }
            openSocket(endpoint, startNanos, myGeneration);
        } catch (LokiException e) {
            onConnectionError(myGeneration, e);
        } catch (RuntimeException e) {
            LOG.warn("Tail of {} failed unexpectedly", options.logql(), e);
            onConnectionError(myGeneration, new LokiException(LokiException.Kind.SERVER, 0, null, null,
                    "The tail failed: " + e.getMessage(), e));
        }
    }

    private void noticeRebind(String currentVia) {
        String previous;
        synchronized (lock) {
            previous = via;
            via = currentVia;
        }
        if (previous != null && !previous.equals(currentVia)) {
            LOG.info("Loki tail re-bound from {} to {}", previous, currentVia);
            listener.onRebound(previous, currentVia);
        }
    }

    /** Reads what was written while disconnected, oldest first, in pages of Loki's maximum size. */
    private void fillGap(long newestNanos, int myGeneration) throws LokiException {
        Instant from = NanoTime.toInstant(newestNanos - options.overlap().toNanos());
        Instant until = clock.instant().plusSeconds(1);
        int fetched = 0;
        while (fetched < options.gapFillMaxLines() && from.isBefore(until)) {
            int pageSize = Math.min(LogQuery.MAX_LIMIT, options.gapFillMaxLines() - fetched);
            QueryResult page = client.queryRange(
                    new LogQuery(options.logql(), from, until, pageSize, LogQuery.Direction.FORWARD, null));
            if (!isCurrent(myGeneration)) {
                return;
            }
            deliver(page.entries());
            fetched += page.entries().size();
            if (!page.limitReached() || page.entries().isEmpty()) {
                return;
            }
            // the next page starts at the last timestamp read; equal timestamps are removed as duplicates
            from = page.entries().get(page.entries().size() - 1).timestamp();
        }
        if (fetched >= options.gapFillMaxLines()) {
            listener.onState(TailState.RECONNECTING, "More than " + options.gapFillMaxLines()
                    + " lines were written while disconnected; older ones are skipped (use a range query for them)");
        }
    }

    private void openSocket(LokiEndpoint endpoint, long startNanos, int myGeneration) {
        HttpUrl url = LokiClient.baseUrl(endpoint, "/loki/api/v1/tail")
                .addQueryParameter("query", options.logql())
                .addQueryParameter("limit", Integer.toString(options.limit()))
                .addQueryParameter("delay_for", Long.toString(options.delayFor().toSeconds()))
                .addQueryParameter("start", Long.toString(startNanos))
                .build();
        WebSocket opened = client.http().newWebSocket(LokiClient.request(endpoint, url), new Handler(myGeneration));
        synchronized (lock) {
            if (generation != myGeneration) {
                opened.cancel();
                return;
            }
            socket = opened;
        }
    }

    private final class Handler extends WebSocketListener {
        private final int myGeneration;

        Handler(int generation) {
            this.myGeneration = generation;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (lock) {
                if (generation != myGeneration) {
                    return;
                }
                backoff = options.backoffInitial();
                setState(TailState.LIVE, "Live (" + via + ")");
                long delay = options.maxSession().toMillis();
                rollover = scheduler.schedule(() -> rollOver(myGeneration), delay, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (!isCurrent(myGeneration)) {
                return;
            }
            JsonNode message = LokiResponses.read(text);
            List<LogEntry> entries = LokiResponses.streams(message.path("streams"), interner);
            deliver(entries);
            List<DroppedEntry> dropped = LokiResponses.dropped(message);
            if (!dropped.isEmpty()) {
                listener.onDropped(dropped);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(NORMAL_CLOSURE, null);
            if (isCurrent(myGeneration)) {
                // Loki ends tails at tail_max_duration, or when it shuts down: carry on from the last line
                String why = reason == null || reason.isBlank() ? "code " + code : reason;
                scheduleReconnect(myGeneration, Duration.ZERO, "Loki closed the tail (" + why + "); resuming", false);
            }
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            if (!isCurrent(myGeneration)) {
                return;
            }
            if (response != null && response.code() >= 400) {
                String body = "";
                try {
                    body = response.body().string();
                } catch (java.io.IOException | IllegalStateException unreadable) {
                    body = response.message();
                }
                LokiEndpoint endpoint = currentEndpointOrNull();
                onConnectionError(myGeneration, LokiErrors.fromResponse(response.code(), body,
                        response.header("Retry-After"), endpoint == null
                                ? new LokiEndpoint(java.net.URI.create("http://loki"), java.util.Optional.empty(), via)
                                : endpoint));
                return;
            }
            onConnectionError(myGeneration, LokiException.unreachable(via, failure));
        }
    }

    private LokiEndpoint currentEndpointOrNull() {
        try {
            return client.connection().endpoint();
        } catch (LokiException e) {
            return null;
        }
    }

    private void deliver(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<LogEntry> fresh = new ArrayList<>(entries.size());
        for (LogEntry entry : entries) {
            if (seen.firstSight(entry)) {
                fresh.add(entry);
            }
        }
        if (!fresh.isEmpty()) {
            synchronized (lock) {
                received += fresh.size();
            }
            listener.onEntries(fresh);
        }
    }

    private void rollOver(int myGeneration) {
        if (isCurrent(myGeneration)) {
            scheduleReconnect(myGeneration, Duration.ZERO,
                    "Renewing the tail before Loki's maximum tail duration", false);
        }
    }

    private void onConnectionError(int myGeneration, LokiException error) {
        switch (error.kind()) {
            case BAD_QUERY, UNAUTHORIZED -> {
                synchronized (lock) {
                    if (generation != myGeneration) {
                        return;
                    }
                    dropConnection("failed");
                    setState(TailState.FAILED, error.getMessage());
                }
            }
            default -> {
                Duration wait;
                synchronized (lock) {
                    wait = error.retryAfter().filter(retry -> retry.compareTo(backoff) > 0).orElse(backoff);
                    Duration doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(options.backoffMax()) > 0 ? options.backoffMax() : doubled;
                }
                scheduleReconnect(myGeneration, wait, error.getMessage() + " Retrying in "
                        + Math.max(1, wait.toSeconds()) + " s.", true);
            }
        }
    }

    private void scheduleReconnect(int myGeneration, Duration wait, String message, boolean afterFailure) {
        synchronized (lock) {
            if (generation != myGeneration || stopped) {
                return;
            }
            dropConnection("reconnecting");
            setState(TailState.RECONNECTING, message);
            scheduler.schedule(() -> connect(afterFailure), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean isCurrent(int myGeneration) {
        synchronized (lock) {
            return generation == myGeneration && !stopped && state != TailState.PAUSED
                    && state != TailState.FAILED;
        }
    }

    /** Caller holds the lock. Moving to a new generation makes the old socket's callbacks no-ops. */
    private void dropConnection(String why) {
        generation++;
        if (rollover != null) {
            rollover.cancel(false);
            rollover = null;
        }
        if (socket != null) {
            socket.close(NORMAL_CLOSURE, why);
            socket = null;
        }
    }

    /** Caller holds the lock. */
    private void setState(TailState next, String message) {
        state = next;
        listener.onState(next, message);
    }
}
