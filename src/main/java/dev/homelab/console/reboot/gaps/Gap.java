package dev.homelab.console.reboot.gaps;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch with no raw sample where at least one scrape was expected: between the last sample before it
 * ({@code from}) and the first after it ({@code to}). A trailing gap (no sample until the end of the window) has
 * {@code to} = window end and {@code open} set.
 */
public record Gap(Instant from, Instant to, int missingScrapes, boolean open) {

    public Duration length() {
        return Duration.between(from, to);
    }

    public boolean overlaps(Instant start, Instant end) {
        return from.isBefore(end) && to.isAfter(start);
    }
}
