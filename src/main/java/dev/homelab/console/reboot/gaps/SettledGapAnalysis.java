package dev.homelab.console.reboot.gaps;

import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.prom.PromApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Judges gaps only once vmagent had its chance to deliver: blocks that failed during the outage wait in a retry
 * backoff of up to a minute held by a sender, outside the queue (so "queue drained" does not yet mean "delivered").
 * A gap on another node is re-checked until it closes or {@code settle} has passed since the storage came back.
 */
public final class SettledGapAnalysis {

    /** vmagent's retry backoff doubles up to one minute; a little more covers the last attempt. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(70);

    @FunctionalInterface
    public interface Analysis {
        GapReport run(Instant end) throws PromApiException;
    }

    private final Clock clock;
    private final Duration settle;
    private final Duration recheckEvery;

    public SettledGapAnalysis(Clock clock, Duration settle, Duration recheckEvery) {
        this.clock = clock;
        this.settle = settle;
        this.recheckEvery = recheckEvery;
    }

    public GapReport await(Analysis analysis, Instant storageBack, Progress progress) throws PromApiException {
        Instant deadline = storageBack.plus(settle);
        while (true) {
            GapReport report = analysis.run(clock.instant());
            if (report.gapCountOnOtherNodes() == 0 || !clock.instant().isBefore(deadline)) {
                return report;
            }
            progress.update("Found " + report.gapCountOnOtherNodes() + " gap(s) on other nodes; re-checking until "
                    + deadline + " while vmagent retries what it still holds", -1);
            sleep(recheckEvery, progress);
        }
    }

    private static void sleep(Duration duration, Progress progress) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            progress.checkCancelled();
            try {
                Thread.sleep(Math.min(250, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.homelab.console.task.CancelledException();
            }
        }
    }
}
