package dev.homelab.console.verify.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alertmanager's log, where it writes why a notification failed (its API and metrics carry no error text).
 * On a cluster this is the Alertmanager pod's log; in tests the process log.
 */
@FunctionalInterface
public interface NotificationLog {

    Pattern ERROR = Pattern.compile("err=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Lines written since {@code since}; empty when the log cannot be read. */
    List<String> linesSince(Instant since);

    static NotificationLog unavailable() {
        return since -> List.of();
    }

    /** The distinct {@code err="..."} texts of lines about {@code integration}, newest last. */
    default List<String> errorsFor(String integration, Instant since) {
        Set<String> errors = new LinkedHashSet<>();
        for (String line : linesSince(since)) {
            if (!line.contains("integration=" + integration) && !line.contains("integration=\"" + integration)) {
                continue;
            }
            Matcher matcher = ERROR.matcher(line);
            if (matcher.find()) {
                errors.add(matcher.group(1).replace("\\\"", "\""));
            }
        }
        return new ArrayList<>(errors);
    }
}
