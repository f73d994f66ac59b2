package dev.homelab.console.telemetry;

import java.util.Locale;

/** How usage is written for people: binary bytes (MiB, GiB), cores or millicores, signed changes, percentages. */
public final class Units {

    private Units() {
    }

    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "–";
        }
        double abs = Math.abs(bytes);
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (abs >= 1024 && unit < units.length - 1) {
            abs /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        return sign + (abs >= 100 || unit == 0 ? String.format(Locale.ROOT, "%.0f", abs)
                : String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.2f", abs)) + " " + units[unit];
    }

    public static String cores(double cores) {
        if (Double.isNaN(cores)) {
            return "–";
        }
        if (Math.abs(cores) < 1) {
            return String.format(Locale.ROOT, "%.0f m", cores * 1000);
        }
        return String.format(Locale.ROOT, "%.2f cores", cores);
    }

    public static String value(Metric metric, double value) {
        return metric == Metric.CPU ? cores(value) : bytes(value);
    }

    public static String signed(Metric metric, double value) {
        String text = value(metric, value);
        return value > 0 ? "+" + text : text;
    }

    public static String percent(double fraction) {
        return Double.isNaN(fraction) || Double.isInfinite(fraction) ? "–"
                : String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }
}
