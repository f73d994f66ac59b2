package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.TimeSeries;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** PNG of what is on screen, CSV of the data behind it (one row per point, ISO time, raw unit). */
final class ChartExport {

    private ChartExport() {
    }

    static void png(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    /** Columns: time, series, quantity, low, high (equal for raw samples; bucket min/max for long ranges). */
    static void csv(Map<String, Map<String, TimeSeries>> byQuantity, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("time,series,quantity,low,high\n");
            for (Map.Entry<String, Map<String, TimeSeries>> quantity : byQuantity.entrySet()) {
                for (Map.Entry<String, TimeSeries> entry : quantity.getValue().entrySet()) {
                    TimeSeries s = entry.getValue();
                    for (int i = 0; i < s.size(); i++) {
                        out.write(Instant.ofEpochMilli(s.time(i)) + "," + quote(entry.getKey()) + ","
                                + quantity.getKey() + "," + s.low(i) + "," + s.high(i) + "\n");
                    }
                }
            }
        }
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
