package dev.homelab.console.reboot.verdict;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "Alerts fired and resolved": what Alertmanager showed about the node while it was away, and afterwards. */
public final class AlertClaims {

    private AlertClaims() {
    }

    /**
     * @param seen         alert name → first time Alertmanager listed it active for the node
     * @param stillActive  names still active at the end
     * @param unavailable  why Alertmanager could not be read, else null
     */
    public static CheckResult firedAndResolved(String node, Map<String, Instant> seen, Set<String> stillActive,
                                               String unavailable) {
        Claim claim = Claim.ALERTS_FIRED_AND_RESOLVED;
        List<Evidence> evidence = new ArrayList<>();
        if (unavailable != null) {
            return CheckResult.unverified(claim.id(), claim.title(), unavailable, evidence);
        }
        seen.forEach((name, at) -> evidence.add(new Evidence("Alertmanager /api/v2/alerts?active=true",
                name + " active from " + at + (stillActive.contains(name) ? ", still active at the end" : ", resolved"))));
        if (seen.isEmpty()) {
            return CheckResult.unverified(claim.id(), claim.title(), "no alert about " + node + " became active in "
                    + "Alertmanager during the test — the outage may have been shorter than the rules' 'for:' "
                    + "durations", evidence);
        }
        if (!stillActive.isEmpty()) {
            return CheckResult.failed(claim.id(), claim.title(), "alerts fired but are still active: "
                    + String.join(", ", stillActive), evidence);
        }
        return CheckResult.passed(claim.id(), claim.title(), seen.size() + " alert(s) about " + node
                + " fired during the outage and resolved", evidence);
    }
}
