package dev.homelab.console.app;

import dev.homelab.console.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Small persistent preferences (last kubeconfig file and context, theme, window geometry, sampling interval...),
 * one JSON file in the config folder, written atomically. Never holds a secret.
 * A corrupt file is reported in the log and replaced by defaults rather than stopping the app.
 */
public final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private final Path file;
    private ObjectNode values;

    private Settings(Path file, ObjectNode values) {
        this.file = file;
        this.values = values;
    }

    public static Settings load(AppDirs dirs) {
        Path file = dirs.configDir(".").resolve("settings.json").normalize();
        ObjectNode values = Json.JSON.createObjectNode();
        if (Files.exists(file)) {
            try {
                values = (ObjectNode) Json.JSON.readTree(file.toFile());
            } catch (RuntimeException e) {
                LOG.warn("Settings file {} is unreadable ({}); starting with defaults", file, e.getMessage());
            }
        }
        return new Settings(file, values);
    }

    public synchronized Optional<String> get(String key) {
        return values.hasNonNull(key) ? Optional.of(values.get(key).asString()) : Optional.empty();
    }

    public synchronized String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public synchronized double getDouble(String key, double fallback) {
        return values.hasNonNull(key) ? values.get(key).asDouble() : fallback;
    }

    public synchronized void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        save();
    }

    public synchronized void putDouble(String key, double value) {
        values.put(key, value);
        save();
    }

    public Path file() {
        return file;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.PRETTY.writeValueAsString(values));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}: {}", file, e.getMessage());
        }
    }
}
