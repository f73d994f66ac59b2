package dev.homelab.console.sandbox.loki;

import dev.homelab.console.util.Json;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code /loki/api/v1/tail} WebSocket: first the newest {@code limit} lines since {@code start}, then, every
 * tick, the lines written since the previous tick (held back by {@code delay_for}), in Loki's message shape. Ends the
 * tail like Loki at the maximum tail duration.
 */
final class TailSession extends WebSocketListener {

    static final Duration TICK = Duration.ofMillis(250);

    private final LineSource source;
    private final LogQl.LogSelector selector;
    private final long startNanos;
    private final int limit;
    private final long delayNanos;
    private final Duration maxDuration;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Runnable onEnd;
    private volatile ScheduledFuture<?> ticker;
    private volatile ScheduledFuture<?> expiry;
    private long cursor;

    TailSession(LineSource source, LogQl.LogSelector selector, long startNanos, int limit, Duration delayFor,
                Duration maxDuration, Clock clock, ScheduledExecutorService scheduler, Runnable onEnd) {
        this.source = source;
        this.selector = selector;
        this.startNanos = startNanos;
        this.limit = limit;
        this.delayNanos = delayFor.toNanos();
        this.maxDuration = maxDuration;
        this.clock = clock;
        this.scheduler = scheduler;
        this.onEnd = onEnd;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        long until = now() - delayNanos;
        List<SimLine> replay = new ArrayList<>(source.lines(selector, startNanos, until + 1, limit, true));
        java.util.Collections.reverse(replay);
        synchronized (this) {
            cursor = until + 1;
        }
        send(webSocket, replay);
        ticker = scheduler.scheduleAtFixedRate(() -> tick(webSocket), TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        expiry = scheduler.schedule(() -> {
            stop();
            webSocket.close(1000, "reached tail max duration limit");
        }, maxDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick(WebSocket webSocket) {
        try {
            long from;
            long until = now() - delayNanos + 1;
            synchronized (this) {
                from = cursor;
                cursor = until;
            }
            if (until > from) {
                send(webSocket, source.lines(selector, from, until, Integer.MAX_VALUE, false));
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TailSession.class).warn("Simulated tail tick failed", e);
        }
    }

    private static void send(WebSocket webSocket, List<SimLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Map<SimStream, List<SimLine>> byStream = new LinkedHashMap<>();
        lines.forEach(line -> byStream.computeIfAbsent(line.stream(), s -> new ArrayList<>()).add(line));
        ObjectNode message = Json.JSON.createObjectNode();
        ArrayNode streams = message.putArray("streams");
        byStream.forEach((stream, streamLines) -> {
            ObjectNode item = streams.addObject();
            ObjectNode labels = item.putObject("stream");
            stream.labels().forEach(labels::put);
            ArrayNode values = item.putArray("values");
            streamLines.forEach(line -> values.addArray().add(Long.toString(line.nanos())).add(line.line()));
        });
        webSocket.send(message.toString());
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        stop();
        webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        stop();
    }

    void stop() {
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        ScheduledFuture<?> e = expiry;
        if (e != null) {
            e.cancel(false);
        }
        onEnd.run();
    }

    private long now() {
        return StreamCatalog.nanos(clock.instant());
    }
}
