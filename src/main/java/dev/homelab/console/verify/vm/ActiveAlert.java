package dev.homelab.console.verify.vm;

import java.util.Map;

/** An alert vmalert evaluates as pending or firing ({@code /api/v1/alerts}). */
public record ActiveAlert(String name, String state, Map<String, String> labels) {
    public ActiveAlert {
        labels = Map.copyOf(labels);
    }

    public boolean firing() {
        return "firing".equals(state);
    }
}
