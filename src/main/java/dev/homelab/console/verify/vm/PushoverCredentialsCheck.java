package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.util.List;

/**
 * Pushover's {@code users/validate.json}: the token and user key are valid (sends no message). Optional, because it
 * needs this computer to reach api.pushover.net; UNVERIFIED when it cannot.
 */
public final class PushoverCredentialsCheck {

    public static final String ID = "pushover-credentials";
    public static final String TITLE = "Pushover accepts the token and user key";

    private final PushoverClient pushover;

    public PushoverCredentialsCheck(PushoverClient pushover) {
        this.pushover = pushover;
    }

    public CheckResult run(String token, String userKey) {
        if (token == null || token.isBlank() || userKey == null || userKey.isBlank()) {
            return CheckResult.unverified(ID, TITLE, "the token or the user key is not known to the console"
                    + " (set ALERTMANAGER_PUSHOVER_TOKEN and PUSHOVER_USER_KEY or enter them)", List.of());
        }
        try {
            PushoverClient.Validation result = pushover.validate(token, userKey);
            Evidence evidence = new Evidence("Pushover users/validate.json", result.valid()
                    ? "status 1, devices " + result.devices() : "status 0, errors " + result.errors());
            return result.valid()
                    ? CheckResult.passed(ID, TITLE, "Pushover knows this user" + (result.devices().isEmpty() ? ""
                    : " with " + result.devices().size() + " device(s)"), List.of(evidence))
                    : CheckResult.failed(ID, TITLE, "Pushover rejected the credentials: "
                    + String.join("; ", result.errors()), List.of(evidence));
        } catch (ServiceCallException e) {
            return CheckResult.unverified(ID, TITLE, "Pushover could not be reached from this computer: "
                    + e.getMessage(), List.of());
        }
    }
}
