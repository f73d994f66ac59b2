package dev.homelab.console.reboot.gaps;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One scrape target ({@code job}, {@code instance}) in the analysed window: the node it runs on ("" when it could not
 * be attributed), its raw-sample {@code gaps} (scrapes that never reached the storage — lost data) and, for
 * {@code up}, the stretches it was {@code down} (value 0: vmagent scraped and recorded the failure — the target itself
 * was away, which is expected for the rebooted node's own targets).
 */
public record TargetGaps(Map<String, String> labels, String node, int samples, Duration interval, List<Gap> gaps,
                         List<Gap> down) {

    public TargetGaps {
        labels = Map.copyOf(labels);
        gaps = List.copyOf(gaps);
        down = List.copyOf(down);
    }

    public String name() {
        String job = labels.getOrDefault("job", "");
        String instance = labels.getOrDefault("instance", "");
        return job.isEmpty() ? instance : job + "/" + instance;
    }

    public Duration missingTime() {
        return gaps.stream().map(Gap::length).reduce(Duration.ZERO, Duration::plus);
    }
}
