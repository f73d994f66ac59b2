package dev.homelab.console.ui.overview;

import java.time.Duration;
import java.util.Locale;

/** Human-readable CPU, memory and age, as kubectl prints them. */
final class Quantities {

    private Quantities() {
    }

    static String cores(long millis) {
        double cores = millis / 1000.0;
        return cores == Math.rint(cores) ? String.format(Locale.ROOT, "%.0f", cores)
                : String.format(Locale.ROOT, "%.2f", cores);
    }

    static String bytes(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        if (gib >= 1) {
            return String.format(Locale.ROOT, "%.1f GiB", gib);
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    static String age(Duration age) {
        long seconds = Math.max(0, age.getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h";
        }
        return hours / 24 + "d";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
