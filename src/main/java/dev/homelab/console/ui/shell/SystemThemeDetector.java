package dev.homelab.console.ui.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the desktop whether it prefers a dark theme: {@code GTK_THEME=...:dark}, then GNOME's
 * {@code color-scheme} and {@code gtk-theme} settings. Each probe is a short-lived process with a bounded wait;
 * callers run this off the FX thread. Empty when the desktop does not say (the caller keeps its current theme).
 */
final class SystemThemeDetector {

    private static final Logger LOG = LoggerFactory.getLogger(SystemThemeDetector.class);
    private static final long PROBE_TIMEOUT_MILLIS = 1500;

    Optional<Boolean> prefersDark() {
        String gtkTheme = System.getenv("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) {
            return Optional.of(gtkTheme.toLowerCase(Locale.ROOT).contains(":dark"));
        }
        Optional<String> colorScheme = gsettings("color-scheme");
        if (colorScheme.isPresent()) {
            String scheme = colorScheme.get();
            if (scheme.contains("prefer-dark")) {
                return Optional.of(true);
            }
            if (scheme.contains("prefer-light")) {
                return Optional.of(false);
            }
        }
        // Older GNOME and many other GTK desktops only name a theme; "Adwaita-dark", "Yaru-dark", ...
        return gsettings("gtk-theme").map(theme -> theme.toLowerCase(Locale.ROOT).contains("dark"));
    }

    private Optional<String> gsettings(String key) {
        Process process = null;
        try {
            process = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", key)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.debug("gsettings {} did not answer within {} ms", key, PROBE_TIMEOUT_MILLIS);
                return Optional.empty();
            }
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return process.exitValue() == 0 && !output.isEmpty() ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("No gsettings to ask for the desktop theme: {}", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
