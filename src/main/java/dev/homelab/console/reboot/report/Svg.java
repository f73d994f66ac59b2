package dev.homelab.console.reboot.report;

import java.util.Locale;

/** Tiny helpers for inline SVG: numbers without locale surprises and escaped text. */
final class Svg {

    private Svg() {
    }

    static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
