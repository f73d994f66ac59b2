package dev.homelab.console.logs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineBatcherTest {

    @Test
    void handsOverEverythingPendingOnce() {
        LineBatcher batcher = new LineBatcher(100);
        batcher.offer(lines(0, 3));
        batcher.offer(lines(3, 5));

        assertThat(batcher.drain()).extracting(LogEntry::line).containsExactly("0", "1", "2", "3", "4");
        assertThat(batcher.drain()).isEmpty();
    }

    @Test
    void spreadsABurstOverSeveralDrains() {
        LineBatcher batcher = new LineBatcher(100);
        batcher.offer(lines(0, 5));

        assertThat(batcher.drain(2)).extracting(LogEntry::line).containsExactly("0", "1");
        assertThat(batcher.drain(2)).extracting(LogEntry::line).containsExactly("2", "3");
        assertThat(batcher.drain(2)).extracting(LogEntry::line).containsExactly("4");
    }

    @Test
    void discardsTheOldestWhenTheViewFallsBehind() {
        LineBatcher batcher = new LineBatcher(4);
        batcher.offer(lines(0, 10));

        assertThat(batcher.drain()).extracting(LogEntry::line).containsExactly("6", "7", "8", "9");
        assertThat(batcher.discarded()).isEqualTo(6);
    }

    @Test
    void acceptsLinesFromManyThreads() throws Exception {
        LineBatcher batcher = new LineBatcher(100_000);
        List<Thread> threads = IntStream.range(0, 4).mapToObj(t -> new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                batcher.offer(lines(i, i + 1));
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(batcher.drain()).hasSize(4000);
    }

    private static List<LogEntry> lines(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> LogEntry.fromLoki(i, StreamLabels.EMPTY, Integer.toString(i))).toList();
    }
}
