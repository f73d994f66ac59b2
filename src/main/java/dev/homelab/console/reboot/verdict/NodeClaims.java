package dev.homelab.console.reboot.verdict;

import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.util.ArrayList;
import java.util.List;

/** "Node recovered": the boot ID changed (it really rebooted), it is Ready again, its agents run again. */
public final class NodeClaims {

    private NodeClaims() {
    }

    public static CheckResult recovered(String node, RebootTimeline timeline) {
        Claim claim = Claim.NODE_RECOVERED;
        List<Evidence> evidence = new ArrayList<>();
        for (TimelineEvent event : timeline.events()) {
            if (event.milestone() != Milestone.NODE_EVENT && event.milestone() != Milestone.NOTE) {
                evidence.add(new Evidence("watch on node " + node, event.milestone().title() + " at " + event.at()
                        + (event.sinceRequest() == null ? "" : " (+" + event.sinceRequest().toSeconds() + " s)")
                        + (event.detail().isEmpty() ? "" : ": " + event.detail())));
            }
        }
        if (timeline.has(Milestone.TIMED_OUT)) {
            return CheckResult.failed(claim.id(), claim.title(), timeline.get(Milestone.TIMED_OUT).orElseThrow().detail(),
                    evidence);
        }
        if (!timeline.has(Milestone.BOOT_ID_CHANGED)) {
            return CheckResult.failed(claim.id(), claim.title(), node + "'s boot ID never changed: the node did not "
                    + "reboot (see the reboot pod's log / the host's journal)", evidence);
        }
        if (!timeline.has(Milestone.NODE_READY) || !timeline.has(Milestone.AGENT_PODS_READY)) {
            return CheckResult.failed(claim.id(), claim.title(), node + " rebooted but did not become Ready with its "
                    + "agent pods running", evidence);
        }
        TimelineEvent ready = timeline.get(Milestone.AGENT_PODS_READY).orElseThrow();
        return CheckResult.passed(claim.id(), claim.title(), node + " rebooted (new boot ID) and was Ready with its "
                + "agents after " + ready.sinceRequest().toSeconds() + " s", evidence);
    }
}
