package dev.homelab.console.reboot.run;

import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.plan.Refusal;

/** The guard rails said no; the message lists every reason. */
public final class RebootRefusedException extends Exception {
    private final RebootPlan plan;

    public RebootRefusedException(RebootPlan plan) {
        super("The reboot test of " + plan.node() + " will not run: " + String.join(" ",
                plan.refusals().stream().map(Refusal::message).toList()));
        this.plan = plan;
    }

    public RebootPlan plan() {
        return plan;
    }
}
