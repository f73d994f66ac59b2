package dev.homelab.console.logs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogBufferTest {

    private static final StreamLabels A = StreamLabels.of(Map.of("pod", "a"));
    private static final StreamLabels B = StreamLabels.of(Map.of("pod", "b"));

    private final List<LogRow> rows = new ArrayList<>();

    @Test
    void keepsOnlyTheNewestLinesOnceFull() {
        LogBuffer buffer = new LogBuffer(rows, 5, false);

        buffer.append(lines(A, 0, 3));
        buffer.append(lines(A, 3, 9));

        assertThat(rows).extracting(row -> row.entry().line()).containsExactly("4", "5", "6", "7", "8");
        assertThat(buffer.rowsEvicted()).isEqualTo(4);
        assertThat(buffer.linesAppended()).isEqualTo(9);
    }

    @Test
    void aBatchLargerThanTheBufferKeepsItsTail() {
        LogBuffer buffer = new LogBuffer(rows, 3, false);
        buffer.append(lines(A, 0, 2));

        buffer.append(lines(A, 2, 12));

        assertThat(rows).extracting(row -> row.entry().line()).containsExactly("9", "10", "11");
    }

    @Test
    void foldsIdenticalConsecutiveLinesAcrossBatches() {
        LogBuffer buffer = new LogBuffer(rows, 10, true);

        buffer.append(List.of(entry(A, 1, "same"), entry(A, 2, "same"), entry(B, 3, "same")));
        buffer.append(List.of(entry(B, 4, "same"), entry(B, 5, "other")));

        assertThat(rows).extracting(LogRow::repeats).containsExactly(2, 2, 1);
        assertThat(rows.get(0).entry().timestampNanos()).isEqualTo(2);
        assertThat(rows.get(1).entry().labels()).isEqualTo(B);
    }

    @Test
    void shrinkingTheCapacityTrimsTheOldest() {
        LogBuffer buffer = new LogBuffer(rows, 10, false);
        buffer.append(lines(A, 0, 10));

        buffer.setCapacity(2);

        assertThat(rows).extracting(row -> row.entry().line()).containsExactly("8", "9");
        assertThatThrownBy(() -> buffer.setCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<LogEntry> lines(StreamLabels labels, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> entry(labels, i, Integer.toString(i))).toList();
    }

    private static LogEntry entry(StreamLabels labels, long nanos, String line) {
        return LogEntry.fromLoki(nanos, labels, line);
    }
}
