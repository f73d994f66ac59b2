package dev.homelab.console.migration.phase2;

import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.vm.AlertmanagerClient;
import dev.homelab.console.verify.vm.PushoverClient;
import dev.homelab.console.verify.vm.PushoverCredentialsCheck;
import dev.homelab.console.verify.vm.PushoverDeliveryCheck;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves that alerting works end to end: a uniquely labelled test alert goes into the stack's Alertmanager and the
 * step watches Alertmanager's pushover counters until Pushover accepted the notification (green), a request failed
 * (red, with Alertmanager's error), or nothing happened in time (unverified). Sends one real Pushover message.
 * With {@value #VALIDATE_SETTING}=true it first asks Pushover's users/validate.json whether the credentials are valid.
 */
public final class PushoverTestStep implements MigrationStep {

    public static final String ID = "pushover-test";
    public static final String VALIDATE_SETTING = "pushover-test.validateCredentials";
    public static final String PUSHOVER_API_SETTING = "pushover-test.apiUrl";
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String TEST_RUN_OUTPUT = "testRun";

    private final Clock clock;
    private final Duration timeout;
    private final Duration poll;

    public PushoverTestStep() {
        this(Clock.systemUTC(), TIMEOUT, Duration.ofSeconds(2));
    }

    PushoverTestStep(Clock clock, Duration timeout, Duration poll) {
        this.clock = clock;
        this.timeout = timeout;
        this.poll = poll;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Send a test alert and prove it reached Pushover";
    }

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        var release = context.releases().get(context.settings().monitoringNamespace(),
                context.settings().vmReleaseName());
        return List.of(release.isPresent() && release.get().deployed()
                ? PreflightCheck.ok("vm-stack-installed", "Alertmanager installed", "release "
                + release.get().name() + " is deployed")
                : PreflightCheck.blocking("vm-stack-installed", "Alertmanager installed",
                "victoria-metrics-k8s-stack is not installed", "Run \"" + new VmStackInstallStep().title()
                        + "\" first"));
    }

    /** Every run sends a new test notification: it is never "already done". */
    @Override
    public boolean isDone(StepContext context) {
        return false;
    }

    @Override
    public StepPlan plan(StepContext context) {
        String namespace = context.settings().monitoringNamespace();
        return StepPlan.of(ID, "Post the alert " + PushoverDeliveryCheck.ALERT_NAME + " to Alertmanager; it sends one"
                + " Pushover message (priority 0) and resolves by itself after 5 minutes", List.of(
                PlannedChange.simple(ChangeKind.EXTERNAL, "Alert", namespace,
                        new StackServices(context).names().alertmanagerService() + " "
                                + PushoverDeliveryCheck.ALERT_NAME,
                        "A test alert (severity=info) routed to the Pushover receiver")));
    }

    /** The test itself runs in {@link #verify}, so that "verify again" repeats it. */
    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) {
        progress.log("The test alert is sent during verification");
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        if ("true".equalsIgnoreCase(context.settings().extra(VALIDATE_SETTING).orElse("false"))) {
            URI api = context.settings().extra(PUSHOVER_API_SETTING).map(URI::create).orElse(PushoverClient.API);
            results.add(new PushoverCredentialsCheck(new PushoverClient(api)).run(
                    context.secrets().get(SecretsProvider.PUSHOVER_TOKEN).orElse(null),
                    context.secrets().get(SecretsProvider.PUSHOVER_USER_KEY).orElse(null)));
        }
        StackServices services = new StackServices(context);
        AlertmanagerClient alertmanager;
        try {
            alertmanager = services.alertmanager();
        } catch (ServiceUnreachableException e) {
            results.add(CheckResult.unverified(PushoverDeliveryCheck.ID, PushoverDeliveryCheck.TITLE,
                    "Alertmanager cannot be reached: " + e.getMessage(), List.of()));
            return results;
        }
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        context.putOutput(TEST_RUN_OUTPUT, run);
        results.add(new PushoverDeliveryCheck(alertmanager, new AlertmanagerPodLog(context.kube(), services.names()),
                context.masker()::maskText, clock, timeout, poll).run(run, progress));
        return results;
    }

    /** Resolves the test alert at once instead of waiting for its 5 minutes. */
    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        var run = context.output(ID, TEST_RUN_OUTPUT);
        if (run.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        new StackServices(context).alertmanager().post(new AlertmanagerClient.PostedAlert(Map.of(
                "alertname", PushoverDeliveryCheck.ALERT_NAME, "severity", "info", "test_run", run.get()), Map.of(),
                now.minusSeconds(1), now));
    }

    @Override
    public String undoDescription() {
        return "Resolves the test alert now (Pushover then receives its \"resolved\" message).";
    }
}
