package dev.homelab.console.reboot.gaps;

import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Sample;
import dev.homelab.console.verify.prom.Series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds missing scrapes from RAW samples ({@code /api/v1/export}, never range queries, which fill short gaps by
 * lookback): a gap is two consecutive samples further apart than 1.5 × the target's scrape interval. The interval is
 * given, or — when null — taken per target as the median distance between its samples, so the same analysis fits
 * 30 s in the cluster and 5 s in a test.
 */
public final class GapAnalyzer {

    static final double GAP_FACTOR = 1.5;

    private final Duration interval;

    /** @param interval the scrape interval, or null to infer it per target from its samples */
    public GapAnalyzer(Duration interval) {
        this.interval = interval;
    }

    /** Exports {@code match} (normally {@code up}) over the window and analyses every series. */
    public GapReport analyse(PromApiClient vm, String match, Instant start, Instant end, String rebootedNode,
                             TargetNodeResolver nodes) throws PromApiException {
        List<Series> raw = vm.export(match, start, end);
        return analyse(raw, match, start, end, rebootedNode, nodes);
    }

    public GapReport analyse(List<Series> raw, String match, Instant start, Instant end, String rebootedNode,
                             TargetNodeResolver nodes) {
        List<TargetGaps> targets = new ArrayList<>();
        for (Series series : raw) {
            targets.add(target(series, start, end, nodes));
        }
        targets.sort(Comparator.comparing(TargetGaps::node).thenComparing(TargetGaps::name));
        return new GapReport(match, start, end, rebootedNode, targets);
    }

    private TargetGaps target(Series series, Instant start, Instant end, TargetNodeResolver nodes) {
        List<Sample> samples = series.samples().stream().sorted(Comparator.comparingLong(Sample::timestampMillis))
                .toList();
        long[] ts = samples.stream().mapToLong(Sample::timestampMillis).distinct().toArray();
        Duration step = interval != null ? interval : medianDistance(ts);
        List<Gap> gaps = new ArrayList<>();
        if (step != null && ts.length > 0) {
            long limit = (long) (step.toMillis() * GAP_FACTOR);
            for (int i = 1; i < ts.length; i++) {
                long distance = ts[i] - ts[i - 1];
                if (distance > limit) {
                    gaps.add(new Gap(Instant.ofEpochMilli(ts[i - 1]), Instant.ofEpochMilli(ts[i]),
                            missing(distance, step), false));
                }
            }
            long trailing = end.toEpochMilli() - ts[ts.length - 1];
            if (trailing > limit) {
                gaps.add(new Gap(Instant.ofEpochMilli(ts[ts.length - 1]), end, missing(trailing, step), true));
            }
        }
        String node = nodes.nodeOf(series.labels());
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(series.labels());
        labels.remove("__name__");
        return new TargetGaps(labels, node, ts.length, step == null ? Duration.ZERO : step, gaps, downStretches(samples));
    }

    /** Runs of value 0, from the first 0 to the next non-zero sample (open when still 0 at the last sample). */
    private static List<Gap> downStretches(List<Sample> samples) {
        List<Gap> down = new ArrayList<>();
        Sample firstDown = null;
        int count = 0;
        for (Sample sample : samples) {
            if (sample.value() == 0) {
                if (firstDown == null) {
                    firstDown = sample;
                    count = 0;
                }
                count++;
            } else if (firstDown != null) {
                down.add(new Gap(Instant.ofEpochMilli(firstDown.timestampMillis()),
                        Instant.ofEpochMilli(sample.timestampMillis()), count, false));
                firstDown = null;
            }
        }
        if (firstDown != null) {
            down.add(new Gap(Instant.ofEpochMilli(firstDown.timestampMillis()),
                    Instant.ofEpochMilli(samples.get(samples.size() - 1).timestampMillis()), count, true));
        }
        return down;
    }

    private static int missing(long distanceMillis, Duration step) {
        return (int) Math.max(1, Math.round((double) distanceMillis / step.toMillis()) - 1);
    }

    private static Duration medianDistance(long[] ts) {
        if (ts.length < 3) {
            return null;
        }
        long[] distances = new long[ts.length - 1];
        for (int i = 1; i < ts.length; i++) {
            distances[i - 1] = ts[i] - ts[i - 1];
        }
        Arrays.sort(distances);
        return Duration.ofMillis(distances[distances.length / 2]);
    }
}
