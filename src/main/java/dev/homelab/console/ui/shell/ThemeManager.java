package dev.homelab.console.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import dev.homelab.console.app.Settings;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Light, dark or following the desktop. The AtlantaFX theme is the user-agent stylesheet; the app's own stylesheet
 * sits on each registered scene, whose root carries the {@code :dark} pseudo-class for the few colours that differ.
 * "Follow system" starts with the darkness seen last time (no flash, no waiting for the desktop before the window
 * shows) and asks the desktop off the FX thread, again whenever the window regains focus.
 */
public final class ThemeManager {

    public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    static final String APP_STYLESHEET = "/ui/console.css";
    private static final String CHOICE_KEY = "theme";
    private static final String LAST_DARK_KEY = "theme.lastDark";

    private final Settings settings;
    private final SystemThemeDetector detector;
    private final ReadOnlyObjectWrapper<ThemeChoice> choice;
    private final ReadOnlyBooleanWrapper dark;
    private final List<Scene> scenes = new ArrayList<>();
    private volatile boolean detecting;

    public ThemeManager(Settings settings) {
        this(settings, new SystemThemeDetector());
    }

    ThemeManager(Settings settings, SystemThemeDetector detector) {
        this.settings = settings;
        this.detector = detector;
        this.choice = new ReadOnlyObjectWrapper<>(ThemeChoice.parse(settings.get(CHOICE_KEY, "system")));
        boolean initialDark = switch (choice.get()) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> Boolean.parseBoolean(settings.get(LAST_DARK_KEY, "false"));
        };
        this.dark = new ReadOnlyBooleanWrapper(initialDark);
        Application.setUserAgentStylesheet(theme(initialDark).getUserAgentStylesheet());
    }

    /** Adds the app stylesheet to {@code scene} and keeps its root's {@code :dark} state current. */
    public void register(Scene scene) {
        String stylesheet = Objects.requireNonNull(ThemeManager.class.getResource(APP_STYLESHEET),
                APP_STYLESHEET + " is missing from the classpath").toExternalForm();
        scene.getStylesheets().add(stylesheet);
        scenes.add(scene);
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, dark.get());
        }
        scene.rootProperty().addListener((obs, old, root) -> root.pseudoClassStateChanged(DARK, dark.get()));
        if (scene.getWindow() != null) {
            watchFocus(scene);
        } else {
            scene.windowProperty().addListener((obs, old, window) -> watchFocus(scene));
        }
    }

    public void choose(ThemeChoice newChoice) {
        choice.set(newChoice);
        settings.put(CHOICE_KEY, newChoice.name().toLowerCase(java.util.Locale.ROOT));
        switch (newChoice) {
            case LIGHT -> applyDark(false);
            case DARK -> applyDark(true);
            case SYSTEM -> followSystem();
        }
    }

    /** Re-reads the desktop preference when the choice is "Follow system"; returns at once. */
    public void followSystem() {
        if (choice.get() != ThemeChoice.SYSTEM || detecting) {
            return;
        }
        detecting = true;
        Thread probe = new Thread(() -> {
            try {
                detector.prefersDark().ifPresent(prefersDark -> Platform.runLater(() -> {
                    if (choice.get() == ThemeChoice.SYSTEM) {
                        applyDark(prefersDark);
                    }
                }));
            } finally {
                detecting = false;
            }
        }, "homelab-theme-probe");
        probe.setDaemon(true);
        probe.start();
    }

    public ReadOnlyObjectProperty<ThemeChoice> choiceProperty() {
        return choice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public boolean isDark() {
        return dark.get();
    }

    static Theme theme(boolean dark) {
        return dark ? new PrimerDark() : new PrimerLight();
    }

    private void applyDark(boolean newDark) {
        if (!Objects.equals(settings.get(LAST_DARK_KEY, null), Boolean.toString(newDark))) {
            settings.put(LAST_DARK_KEY, Boolean.toString(newDark));
        }
        if (dark.get() == newDark) {
            return;
        }
        dark.set(newDark);
        Application.setUserAgentStylesheet(theme(newDark).getUserAgentStylesheet());
        for (Scene scene : scenes) {
            if (scene.getRoot() != null) {
                scene.getRoot().pseudoClassStateChanged(DARK, newDark);
            }
        }
    }

    private void watchFocus(Scene scene) {
        if (scene.getWindow() == null) {
            return;
        }
        scene.getWindow().focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                followSystem();
            }
        });
    }
}
