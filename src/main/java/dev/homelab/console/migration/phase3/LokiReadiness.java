package dev.homelab.console.migration.phase3;

import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.util.List;
import java.util.Optional;

/** Asks the running Loki itself: {@code GET /ready} and its build version, through the console's service access. */
final class LokiReadiness {

    static final String ID = "loki-ready";

    private LokiReadiness() {
    }

    static LokiClient client(StepContext context, Optional<String> tenant) throws LokiException {
        return new LokiClient(LokiConnector.connect(context.cluster(), Optional.empty(), tenant,
                dev.homelab.console.task.Progress.none()).connection(),
                LokiClient.defaultHttpClient());
    }

    static CheckResult check(StepContext context, LokiTarget target) {
        String title = "Loki answers /ready";
        try {
            LokiClient client = client(context, target.tenant());
            String via = client.connection().endpoint().via();
            if (client.ready()) {
                return CheckResult.passed(ID, title, "Loki " + client.version() + " is ready",
                        List.of(new Evidence("GET /ready via " + via, "200 ready")));
            }
            return CheckResult.failed(ID, title, "Loki answered /ready but is not ready yet",
                    List.of(new Evidence("GET /ready via " + via, "not ready")));
        } catch (LokiException e) {
            return CheckResult.unverified(ID, title, e.getMessage(), List.of());
        }
    }
}
