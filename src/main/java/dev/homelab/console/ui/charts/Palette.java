package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Component;
import javafx.scene.paint.Color;

/** Stable colours: nodes by their position, components by kind (the same colour on every chart). */
final class Palette {

    private static final Color[] NODES = {Color.web("#2f6fdb"), Color.web("#e0752d"), Color.web("#2e9e5b"),
        Color.web("#b8439b"), Color.web("#8a6d3b"), Color.web("#1aa3b5"), Color.web("#d6443d"),
        Color.web("#6b5ad6"), Color.web("#7f8c1f"), Color.web("#5b6770")};
    private static final Color[] COMPONENTS = {Color.web("#d6443d"), Color.web("#e98f6f"), Color.web("#b0574a"),
        Color.web("#f0b33a"), Color.web("#8c8c8c"), Color.web("#a3a3a3"), Color.web("#f46800"), Color.web("#7b61ff"),
        Color.web("#c72e49"), Color.web("#2e9e5b"), Color.web("#1aa3b5"), Color.web("#3f7fd9"),
        Color.web("#6fc17f"), Color.web("#2a5d8f"), Color.web("#4b3f9e")};

    private Palette() {
    }

    static Color node(int index) {
        return NODES[index % NODES.length];
    }

    static Color component(String key) {
        Component component = Component.fromKey(key);
        Color base = COMPONENTS[component.kind().ordinal() % COMPONENTS.length];
        return component.chart().isEmpty() ? base : base.deriveColor(component.chart().hashCode() % 40, 1, 1, 1);
    }
}
