package dev.homelab.console.telemetry.baseline;

import dev.homelab.console.telemetry.Stats;

/**
 * Before versus after for one quantity, judged against noise: a difference of means no larger than the windows' own
 * variation (the larger standard deviation of the two, and never less than {@link #MIN_RELEVANT} of the before
 * value, so that perfectly flat series do not turn rounding into a "change") is "no clear change"; fewer than
 * {@link #MIN_SAMPLES} samples on either side is "not enough data".
 */
public record Change(double before, double after, double absolute, double relative, double variation,
                     Verdict verdict) {

    public static final int MIN_SAMPLES = 3;
    public static final double MIN_RELEVANT = 0.01;

    public enum Verdict {
        DECREASED("decreased"), INCREASED("increased"), NO_CLEAR_CHANGE("no clear change"), GONE("gone"),
        ADDED("added"), NOT_ENOUGH_DATA("not enough data");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static Change of(Stats before, Stats after) {
        boolean hasBefore = !before.isEmpty();
        boolean hasAfter = !after.isEmpty();
        double b = hasBefore ? before.mean() : 0;
        double a = hasAfter ? after.mean() : 0;
        double absolute = a - b;
        double relative = b == 0 ? Double.NaN : absolute / b;
        double variation = Math.max(Math.max(hasBefore ? before.stddev() : 0, hasAfter ? after.stddev() : 0),
                MIN_RELEVANT * Math.abs(b));
        Verdict verdict;
        if (!hasBefore && !hasAfter) {
            verdict = Verdict.NOT_ENOUGH_DATA;
        } else if (!hasAfter) {
            verdict = before.count() >= MIN_SAMPLES ? Verdict.GONE : Verdict.NOT_ENOUGH_DATA;
        } else if (!hasBefore) {
            verdict = after.count() >= MIN_SAMPLES ? Verdict.ADDED : Verdict.NOT_ENOUGH_DATA;
        } else if (before.count() < MIN_SAMPLES || after.count() < MIN_SAMPLES) {
            verdict = Verdict.NOT_ENOUGH_DATA;
        } else if (Math.abs(absolute) <= variation) {
            verdict = Verdict.NO_CLEAR_CHANGE;
        } else {
            verdict = absolute < 0 ? Verdict.DECREASED : Verdict.INCREASED;
        }
        return new Change(b, a, absolute, relative, variation, verdict);
    }
}
