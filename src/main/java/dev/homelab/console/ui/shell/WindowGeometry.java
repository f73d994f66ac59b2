package dev.homelab.console.ui.shell;

import dev.homelab.console.app.Settings;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the main window's size, position and maximised state in {@link Settings}. A saved position that no
 * longer lies on any screen (a monitor was unplugged) is ignored and the window is centred instead.
 */
final class WindowGeometry {

    static final double DEFAULT_WIDTH = 1240;
    static final double DEFAULT_HEIGHT = 800;
    private static final double MIN_WIDTH = 900;
    private static final double MIN_HEIGHT = 600;

    private final Settings settings;

    WindowGeometry(Settings settings) {
        this.settings = settings;
    }

    void restore(Stage stage) {
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        double width = Math.max(MIN_WIDTH, settings.getDouble("window.width", DEFAULT_WIDTH));
        double height = Math.max(MIN_HEIGHT, settings.getDouble("window.height", DEFAULT_HEIGHT));
        double x = settings.getDouble("window.x", Double.NaN);
        double y = settings.getDouble("window.y", Double.NaN);
        Rectangle2D visible = Screen.getPrimary().getVisualBounds();
        width = Math.min(width, visible.getWidth());
        height = Math.min(height, visible.getHeight());
        stage.setWidth(width);
        stage.setHeight(height);
        if (!Double.isNaN(x) && !Double.isNaN(y) && onSomeScreen(x, y, width, height)) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(Boolean.parseBoolean(settings.get("window.maximized", "false")));
    }

    void save(Stage stage) {
        settings.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            settings.putDouble("window.x", stage.getX());
            settings.putDouble("window.y", stage.getY());
            settings.putDouble("window.width", stage.getWidth());
            settings.putDouble("window.height", stage.getHeight());
        }
    }

    private static boolean onSomeScreen(double x, double y, double width, double height) {
        // At least the title bar's first 100 px must be visible so the user can grab the window.
        return !Screen.getScreensForRectangle(x, y, Math.min(width, 100), 30).isEmpty();
    }
}
