package dev.homelab.console.reboot.run;

import dev.homelab.console.reboot.plan.NodeProfile;
import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last milestone: every scrape target of the rebooted node reports {@code up == 1} again. VictoriaMetrics has no
 * watch, so this one step asks {@code up} every few seconds (bounded by the test's deadline).
 */
final class TargetsUpWait {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final RebootMonitoring monitoring;
    private final RebootPlan plan;
    private final Clock clock;

    TargetsUpWait(RebootMonitoring monitoring, RebootPlan plan, Clock clock) {
        this.monitoring = monitoring;
        this.plan = plan;
        this.clock = clock;
    }

    static dev.homelab.console.reboot.gaps.TargetNodeResolver resolver(RebootPlan plan) {
        Map<String, String> byAddress = new HashMap<>();
        for (NodeProfile node : plan.nodes()) {
            node.addresses().forEach(a -> byAddress.put(a, node.name()));
        }
        return new dev.homelab.console.reboot.gaps.TargetNodeResolver(byAddress);
    }

    void await(RebootTimeline timeline, Instant deadline, Progress progress) throws InterruptedException {
        if (monitoring.vmsingle() == null) {
            timeline.record(Milestone.NOTE, clock.instant(), "Targets not checked: " + monitoring.vmsingleMissing());
            return;
        }
        var nodes = resolver(plan);
        String lastProblem = "";
        while (clock.instant().isBefore(deadline)) {
            progress.checkCancelled();
            try {
                List<Series> up = monitoring.vmsingle().query("up", null);
                List<Series> own = up.stream().filter(s -> nodes.nodeOf(s.labels()).equals(plan.node())).toList();
                long down = own.stream().filter(s -> s.value() != 1).count();
                if (own.isEmpty()) {
                    timeline.record(Milestone.NOTE, clock.instant(), "VictoriaMetrics has no 'up' series attributed "
                            + "to " + plan.node() + " (by node label or instance address)");
                    return;
                }
                if (down == 0) {
                    timeline.record(Milestone.TARGETS_UP, clock.instant(), own.size() + " target(s) of " + plan.node()
                            + " report up == 1");
                    return;
                }
                progress.update("Waiting for " + down + " of " + own.size() + " targets on " + plan.node()
                        + " to be up", -1);
            } catch (PromApiException e) {
                lastProblem = e.getMessage();
                progress.update("VictoriaMetrics not answering yet: " + e.getMessage(), -1);
            }
            Thread.sleep(EVERY.toMillis());
        }
        timeline.record(Milestone.NOTE, clock.instant(), "Targets of " + plan.node() + " were not all up before the "
                + "deadline" + (lastProblem.isEmpty() ? "" : " (" + lastProblem + ")"));
    }
}
