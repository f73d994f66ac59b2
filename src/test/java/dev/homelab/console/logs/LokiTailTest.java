package dev.homelab.console.logs;

import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LokiTailTest {

    private static final Map<String, String> STREAM = Map.of("namespace", "kube-system", "pod", "coredns-1");
    private static final String QUERY = "{namespace=\"kube-system\"}";

    private FakeLoki loki;
    private DroppingProxy forward;
    private final Recorder recorder = new Recorder();
    private LokiTail tail;
    private long nextNanos = NanoTime.of(Instant.now().minusSeconds(30));

    @BeforeEach
    void start() throws Exception {
        loki = new FakeLoki();
        forward = new DroppingProxy(loki.uri());
    }

    @AfterEach
    void stop() throws Exception {
        if (tail != null) {
            tail.stop();
        }
        forward.close();
        loki.close();
    }

    @Test
    void replaysTheLookbackThenDeliversPushedLines() {
        loki.add(STREAM, nanos(), "before the tail");
        tail = start(TailOptions.of(QUERY));
        awaitLive();

        loki.push(STREAM, nanos(), "live 1");
        loki.push(Map.of("namespace", "default"), nanos(), "other namespace, not sent by Loki");
        loki.push(STREAM, nanos(), "live 2");

        await().untilAsserted(() -> assertThat(recorder.lines()).containsExactly("before the tail", "live 1", "live 2"));
        var handshake = loki.requestsTo("/loki/api/v1/tail").get(0).getUrl();
        assertThat(handshake.queryParameter("query")).isEqualTo(QUERY);
        assertThat(handshake.queryParameter("limit")).isEqualTo("100");
        assertThat(handshake.queryParameter("delay_for")).isEqualTo("0");
        assertThat(Long.parseLong(handshake.queryParameter("start"))).isLessThan(NanoTime.of(Instant.now()));
    }

    @Test
    void surfacesDroppedEntriesNotices() {
        tail = start(TailOptions.of(QUERY));
        awaitLive();

        loki.pushDropped(STREAM, nanos());

        await().untilAsserted(() -> assertThat(recorder.dropped).hasSize(1));
        assertThat(recorder.dropped.get(0).labels().get("pod")).isEqualTo("coredns-1");
    }

    @Test
    void aConnectionThatDropsMidStreamResumesWithoutLosingOrDuplicatingLines() {
        tail = start(TailOptions.of(QUERY).withBackoff(Duration.ofMillis(100), Duration.ofMillis(400)));
        awaitLive();
        IntStream.range(0, 50).forEach(i -> loki.push(STREAM, nanos(), "line " + i));
        await().untilAsserted(() -> assertThat(recorder.lines()).hasSize(50));

        forward.dropAll();
        // written while the client is away; more than the tail's replay limit of 100, so only the gap fill finds them
        IntStream.range(50, 300).forEach(i -> loki.add(STREAM, nanos(), "line " + i));

        await().untilAsserted(() -> assertThat(loki.openTails()).isEqualTo(1));
        IntStream.range(300, 310).forEach(i -> loki.push(STREAM, nanos(), "line " + i));

        await().untilAsserted(() -> assertThat(recorder.lines()).hasSize(310));
        assertThat(recorder.lines()).containsExactlyElementsOf(IntStream.range(0, 310).mapToObj(i -> "line " + i).toList());
        assertThat(recorder.states).contains(TailState.RECONNECTING);
        assertThat(loki.requestsTo("/loki/api/v1/query_range")).isNotEmpty();
    }

    @Test
    void renewsTheTailBeforeLokisMaximumDurationWithoutDuplicates() {
        tail = start(TailOptions.of(QUERY).withMaxSession(Duration.ofMillis(700)));
        awaitLive();
        IntStream.range(0, 5).forEach(i -> loki.push(STREAM, nanos(), "line " + i));

        await().untilAsserted(() -> assertThat(loki.tailsOpened.get()).isGreaterThanOrEqualTo(3));
        loki.push(STREAM, nanos(), "after renewals");

        await().untilAsserted(() -> assertThat(recorder.lines()).contains("after renewals"));
        assertThat(recorder.lines()).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4",
                "after renewals");
    }

    @Test
    void lokiClosingTheTailIsFollowedByAResume() {
        tail = start(TailOptions.of(QUERY));
        awaitLive();
        loki.push(STREAM, nanos(), "one");
        await().untilAsserted(() -> assertThat(recorder.lines()).containsExactly("one"));

        loki.closeTails("reached tail max duration limit");
        await().untilAsserted(() -> assertThat(loki.tailsOpened.get()).isEqualTo(2));
        await().untilAsserted(() -> assertThat(loki.openTails()).isEqualTo(1));
        loki.push(STREAM, nanos(), "two");

        await().untilAsserted(() -> assertThat(recorder.lines()).containsExactly("one", "two"));
        assertThat(recorder.messages).anyMatch(m -> m.contains("reached tail max duration limit"));
    }

    @Test
    void backsOffOnRateLimitsAndConnects() {
        loki.failNext(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .body("max concurrent tail requests limit exceeded").build());
        tail = start(TailOptions.of(QUERY).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));

        awaitLive();
        assertThat(recorder.messages).anyMatch(m -> m.contains("max concurrent tail requests limit exceeded"));
    }

    @Test
    void aBadQueryFailsForGood() {
        loki.failNext(new MockResponse.Builder().code(400)
                .body("parse error at line 1, col 12: syntax error: unexpected $end").build());
        tail = start(TailOptions.of("{namespace=").withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));

        await().untilAsserted(() -> assertThat(tail.state()).isEqualTo(TailState.FAILED));
        assertThat(recorder.messages.get(recorder.messages.size() - 1)).contains("unexpected $end");
        assertThat(loki.tailsOpened.get()).isZero();
    }

    @Test
    void pauseDisconnectsAndResumeCatchesUpWithoutDuplicates() {
        tail = start(TailOptions.of(QUERY));
        awaitLive();
        loki.push(STREAM, nanos(), "before pause");
        await().untilAsserted(() -> assertThat(recorder.lines()).hasSize(1));

        tail.pause();
        await().untilAsserted(() -> assertThat(loki.openTails()).isZero());
        loki.add(STREAM, nanos(), "while paused");
        assertThat(tail.state()).isEqualTo(TailState.PAUSED);

        tail.resume();
        awaitLive();
        loki.push(STREAM, nanos(), "after resume");

        await().untilAsserted(() -> assertThat(recorder.lines())
                .containsExactly("before pause", "while paused", "after resume"));
    }

    @Test
    void reportsWhenTheEndpointWasReBound() {
        String[] via = {"port-forward to monitoring/loki-0"};
        LokiConnection connection = new LokiConnection() {
            @Override
            public LokiEndpoint endpoint() {
                return new LokiEndpoint(forward.uri(), Optional.empty(), via[0]);
            }

            @Override
            public LokiEndpoint reopen() {
                via[0] = "port-forward to monitoring/loki-1";
                return endpoint();
            }
        };
        tail = new LokiTail(new LokiClient(connection, LokiClient.defaultHttpClient()),
                TailOptions.of(QUERY).withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)), recorder);
        tail.start();
        awaitLive();

        forward.dropAll();

        await().untilAsserted(() -> assertThat(recorder.rebinds)
                .containsExactly("port-forward to monitoring/loki-0 -> port-forward to monitoring/loki-1"));
        awaitLive();
    }

    @Test
    void stopEndsTheTail() {
        tail = start(TailOptions.of(QUERY));
        awaitLive();

        tail.stop();

        await().untilAsserted(() -> assertThat(loki.openTails()).isZero());
        assertThat(tail.state()).isEqualTo(TailState.STOPPED);
        loki.push(STREAM, nanos(), "too late");
        assertThat(recorder.lines()).doesNotContain("too late");
    }

    private LokiTail start(TailOptions options) {
        LokiConnection throughForward = LokiConnection.fixed(
                new LokiEndpoint(forward.uri(), Optional.empty(), "port-forward to loki-0"));
        LokiTail created = new LokiTail(new LokiClient(throughForward, LokiClient.defaultHttpClient()), options,
                recorder);
        created.start();
        return created;
    }

    private void awaitLive() {
        await().until(() -> tail.state() == TailState.LIVE && loki.openTails() == 1);
    }

    private long nanos() {
        nextNanos += 1_000_000;
        return nextNanos;
    }

    private static final class Recorder implements TailListener {
        final List<LogEntry> entries = Collections.synchronizedList(new ArrayList<>());
        final List<DroppedEntry> dropped = new CopyOnWriteArrayList<>();
        final List<TailState> states = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> rebinds = new CopyOnWriteArrayList<>();

        @Override
        public void onEntries(List<LogEntry> batch) {
            entries.addAll(batch);
        }

        @Override
        public void onDropped(List<DroppedEntry> notices) {
            dropped.addAll(notices);
        }

        @Override
        public void onState(TailState state, String message) {
            states.add(state);
            messages.add(message);
        }

        @Override
        public void onRebound(String previousVia, String currentVia) {
            rebinds.add(previousVia + " -> " + currentVia);
        }

        List<String> lines() {
            synchronized (entries) {
                return entries.stream().map(LogEntry::line).toList();
            }
        }
    }
}
