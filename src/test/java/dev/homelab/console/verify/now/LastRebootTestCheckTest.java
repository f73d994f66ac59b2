package dev.homelab.console.verify.now;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LastRebootTestCheckTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void noTestYetCannotBeVerified() {
        CheckResult result = LastRebootTestCheck.of(Optional.empty(), clock);

        assertThat(result.verdict()).isEqualTo(Verdict.UNVERIFIED);
        assertThat(result.summary()).contains("no reboot test has been run");
    }

    @Test
    void aRedClaimMakesTheCheckRedAndNamesIt() {
        RebootResult last = new RebootResult("worker-1", "", Instant.parse("2026-11-20T08:00:00Z"),
                Instant.parse("2026-11-20T08:05:00Z"), List.of(), List.of(), List.of(), null, List.of(
                CheckResult.passed("node-recovered", "Node recovered", "ok", List.of()),
                CheckResult.failed("metrics-complete", "Metrics complete", "2 gaps", List.of())), null);

        CheckResult result = LastRebootTestCheck.of(Optional.of(last), clock);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("Metrics complete failed").contains("worker-1").contains("5 days ago");
        assertThat(result.evidence()).hasSize(2);
    }

    @Test
    void everyClaimPassedIsGreen() {
        RebootResult last = new RebootResult("worker-1", "", Instant.parse("2026-11-25T08:00:00Z"),
                Instant.parse("2026-11-25T08:05:00Z"), List.of(), List.of(), List.of(), null, List.of(
                CheckResult.passed("node-recovered", "Node recovered", "ok", List.of())), null);

        assertThat(LastRebootTestCheck.of(Optional.of(last), clock).verdict()).isEqualTo(Verdict.PASSED);
    }
}
