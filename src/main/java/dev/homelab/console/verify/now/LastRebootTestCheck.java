package dev.homelab.console.verify.now;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.Verdict;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The last reboot test's overall verdict, with its claims as evidence; unverified when none was ever run. */
public final class LastRebootTestCheck {

    public static final String ID = "last-reboot-test";
    public static final String TITLE = "The last reboot test proved buffering and recovery";

    private LastRebootTestCheck() {
    }

    public static CheckResult of(Optional<RebootResult> last, Clock clock) {
        if (last.isEmpty()) {
            return CheckResult.unverified(ID, TITLE, "no reboot test of this cluster has been run from this computer yet — run one "
                    + "(Reboot test page, or: homelab-console reboot-test run --yes)", List.of());
        }
        RebootResult result = last.get();
        List<Evidence> evidence = result.claims().stream()
                .map(c -> new Evidence(c.title(), c.verdict() + ": " + c.summary())).toList();
        long days = Duration.between(result.finishedAt(), clock.instant()).toDays();
        String when = "reboot test of " + result.node() + " on " + result.finishedAt() + " (" + days + " days ago)";
        Verdict overall = result.overall();
        return switch (overall) {
            case PASSED -> new CheckResult(ID, TITLE, Verdict.PASSED, "Every claim passed in the " + when, evidence,
                    clock.instant());
            case FAILED -> new CheckResult(ID, TITLE, Verdict.FAILED, failedClaims(result) + " failed in the " + when,
                    evidence, clock.instant());
            case UNVERIFIED -> CheckResult.unverified(ID, TITLE, "the " + when + " could not verify every claim "
                    + "(see its report" + (result.reportFile() == null ? "" : ": " + result.reportFile()) + ")",
                    evidence);
        };
    }

    private static String failedClaims(RebootResult result) {
        return String.join(", ", result.claims().stream().filter(c -> c.verdict() == Verdict.FAILED)
                .map(c -> c.title()).toList());
    }
}
