package dev.homelab.console.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.connect.ConnectedCluster;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The main window's layout: a sidebar (brand, the pages of the connected cluster, theme, switch cluster), the
 * content area, and the status bar. Before a cluster is connected the content is the connect screen and the
 * navigation is hidden.
 */
final class MainWindow {

    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ListView<Page> navigation = new ListView<>();
    private final Button switchCluster = new Button("Switch cluster", new FontIcon(Feather.LOG_OUT));
    private final StatusBar statusBar;
    private final Map<String, Node> views = new HashMap<>();
    private ConnectedSession session;

    MainWindow(BackgroundTasks tasks, ThemeManager theme, Runnable onSwitchCluster) {
        statusBar = new StatusBar(tasks);
        root.setId("main-window");
        root.getStyleClass().add("main-window");
        content.setId("content");
        content.getStyleClass().add("content");

        navigation.setId("navigation");
        navigation.getStyleClass().addAll("navigation", Styles.DENSE);
        navigation.setCellFactory(list -> new PageCell());
        navigation.getSelectionModel().selectedItemProperty().addListener((obs, old, page) -> {
            if (page != null) {
                show(page);
            }
        });
        VBox.setVgrow(navigation, Priority.ALWAYS);

        switchCluster.setId("switch-cluster");
        switchCluster.getStyleClass().addAll(Styles.FLAT);
        switchCluster.setMaxWidth(Double.MAX_VALUE);
        switchCluster.setAlignment(Pos.CENTER_LEFT);
        switchCluster.setTooltip(new Tooltip("Disconnect and choose another cluster or the sandbox"));
        switchCluster.setOnAction(event -> onSwitchCluster.run());

        VBox sidebar = new VBox(8, brand(), navigation, new Spacer(Orientation.VERTICAL), switchCluster,
                themeSwitch(theme));
        sidebar.setId("sidebar");
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPadding(new Insets(14, 10, 12, 10));
        sidebar.setPrefWidth(232);
        sidebar.setMinWidth(232);

        root.setLeft(sidebar);
        root.setCenter(content);
        root.setBottom(statusBar);
        setConnected(false);
    }

    Parent root() {
        return root;
    }

    StatusBar statusBar() {
        return statusBar;
    }

    void showConnectScreen(Node connectScreen) {
        session = null;
        views.clear();
        navigation.getItems().clear();
        setConnected(false);
        statusBar.showDisconnected();
        content.getChildren().setAll(connectScreen);
    }

    void showSession(ConnectedSession newSession, ConnectedCluster connected) {
        session = newSession;
        views.clear();
        setConnected(true);
        statusBar.showConnected(connected);
        navigation.getItems().setAll(newSession.pages());
        if (newSession.pages().isEmpty()) {
            content.getChildren().setAll(emptyState("No pages are available",
                    "The connection works, but no page could be opened. The log names the cause."));
        } else {
            navigation.getSelectionModel().select(0);
        }
    }

    /** Adds pages of the shown session to the navigation, after those already there. */
    void addPages(List<Page> pages) {
        if (session != null) {
            navigation.getItems().addAll(pages);
        }
    }

    /** Shows the page with this id; false when the connected session has no such page. */
    boolean navigate(String pageId) {
        Optional<Page> page = session == null ? Optional.empty() : session.page(pageId);
        page.ifPresent(p -> navigation.getSelectionModel().select(p));
        return page.isPresent();
    }

    Optional<String> currentPageId() {
        Page page = navigation.getSelectionModel().getSelectedItem();
        return Optional.ofNullable(page).map(Page::id);
    }

    private void show(Page page) {
        Node view = views.computeIfAbsent(page.id(), id -> buildView(page));
        content.getChildren().setAll(view);
        try {
            page.onShown();
        } catch (RuntimeException e) {
            LOG.error("Page {} failed when shown", page.id(), e);
        }
    }

    private static Node buildView(Page page) {
        try {
            Node view = page.view();
            view.getStyleClass().add("page");
            return view;
        } catch (RuntimeException e) {
            LOG.error("Page {} could not build its view", page.id(), e);
            return emptyState(page.title() + " could not open",
                    "What happened: " + e + ". Switch cluster and connect again; if it persists, the log has details.");
        }
    }

    private void setConnected(boolean connected) {
        navigation.setVisible(connected);
        navigation.setManaged(connected);
        switchCluster.setVisible(connected);
        switchCluster.setManaged(connected);
    }

    private static Node brand() {
        ImageView logo = new ImageView();
        var stream = MainWindow.class.getResourceAsStream("/ui/icons/homelab-console-32.png");
        if (stream != null) {
            logo.setImage(new Image(stream, 28, 28, true, true));
        }
        Label name = new Label("Homelab Console");
        name.getStyleClass().add("brand-name");
        HBox brand = new HBox(8, logo, name);
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");
        brand.setPadding(new Insets(0, 4, 10, 4));
        return brand;
    }

    private static Node themeSwitch(ThemeManager theme) {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.setId("theme-switch");
        box.setAlignment(Pos.CENTER);
        ThemeChoice[] choices = ThemeChoice.values();
        for (int i = 0; i < choices.length; i++) {
            ThemeChoice choice = choices[i];
            ToggleButton button = new ToggleButton(null, new FontIcon(switch (choice) {
                case LIGHT -> Feather.SUN;
                case DARK -> Feather.MOON;
                case SYSTEM -> Feather.MONITOR;
            }));
            button.setId("theme-" + choice.name().toLowerCase(java.util.Locale.ROOT));
            button.setTooltip(new Tooltip("Theme: " + choice.label()));
            button.setAccessibleText("Theme: " + choice.label());
            button.setToggleGroup(group);
            button.setSelected(theme.choiceProperty().get() == choice);
            theme.choiceProperty().addListener((obs, old, now) -> button.setSelected(now == choice));
            button.getStyleClass().addAll(Styles.SMALL,
                    i == 0 ? Styles.LEFT_PILL : i == choices.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setOnAction(event -> {
                button.setSelected(true);
                theme.choose(choice);
            });
            HBox.setHgrow(button, Priority.ALWAYS);
            button.setMaxWidth(Double.MAX_VALUE);
            box.getChildren().add(button);
        }
        return box;
    }

    static Node emptyState(String title, String detail) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label(detail);
        text.setWrapText(true);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(8, heading, text);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        box.getStyleClass().add("empty-state");
        return box;
    }

    private static final class PageCell extends ListCell<Page> {
        @Override
        protected void updateItem(Page page, boolean empty) {
            super.updateItem(page, empty);
            if (empty || page == null) {
                setText(null);
                setGraphic(null);
                setId(null);
            } else {
                setText(page.title());
                setGraphic(new FontIcon(page.icon()));
                setId("nav-" + page.id());
            }
        }
    }
}
