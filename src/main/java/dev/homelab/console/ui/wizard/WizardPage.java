package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.stream.Collectors;

/**
 * The migration wizard: phases and steps on the left, the selected step on the right, banners for a lock held by
 * another console and for steps a crashed console left running.
 */
public final class WizardPage implements Page {

    private final WizardViewModel model;
    private final SaveLocations saveLocations;

    public WizardPage(UiContext context) {
        this(context, SaveLocations.NATIVE);
    }

    WizardPage(UiContext context, SaveLocations saveLocations) {
        this.model = new WizardViewModel(context);
        this.saveLocations = saveLocations;
    }

    @Override
    public String id() {
        return "wizard";
    }

    @Override
    public String title() {
        return "Migration";
    }

    @Override
    public Ikon icon() {
        return Feather.GIT_MERGE;
    }

    @Override
    public Node view() {
        PhaseList list = new PhaseList(model);
        ScrollPane phases = new ScrollPane(list);
        phases.setFitToWidth(true);
        model.selected().addListener((obs, old, step) -> javafx.application.Platform.runLater(() ->
                list.rowOf(step).ifPresent(row -> reveal(phases, list, row))));
        ScrollPane detail = new ScrollPane(new StepDetail(model));
        detail.setFitToWidth(true);
        SplitPane split = new SplitPane(phases, detail);
        split.setDividerPositions(0.4);
        BorderPane root = new BorderPane(split);
        root.setTop(new VBox(toolbar(), lockBanner(), resumeBanner()));
        root.setId("wizard-page");
        model.open();
        return root;
    }

    /** Scrolls the phase list just enough to show the selected step (Phase 5 is below the fold). */
    private static void reveal(ScrollPane scroll, Node content, Node row) {
        javafx.geometry.Bounds bounds = content.sceneToLocal(row.localToScene(row.getBoundsInLocal()));
        double scrollable = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        if (scrollable <= 0) {
            return;
        }
        double top = scroll.getVvalue() * scrollable;
        double bottom = top + scroll.getViewportBounds().getHeight();
        if (bounds.getMinY() < top || bounds.getMaxY() > bottom) {
            scroll.setVvalue(Math.max(0, Math.min(1, (bounds.getMinY() - 60) / scrollable)));
        }
    }

    private Node toolbar() {
        Label written = new Label();
        written.setId("report-written");
        Button report = new Button("Write report");
        report.setId("write-report");
        report.setTooltip(new javafx.scene.control.Tooltip("Every phase and step with its evidence and the "
                + "before/after comparison, as one HTML file (no secrets in it)"));
        report.disableProperty().bind(model.busy());
        report.setOnAction(e -> saveLocations.reportFile(report.getScene().getWindow()).ifPresent(file ->
                model.writeReport(file, path -> written.setText("Report written to " + path))));
        Button export = new Button("Export for GitOps");
        export.setId("export-gitops");
        export.setTooltip(new javafx.scene.control.Tooltip("Values, Flux and Argo CD manifests, Secret templates "
                + "(no values) and helm commands for the target state, for clusters managed with Flux or Argo CD"));
        export.disableProperty().bind(model.busy());
        export.setOnAction(e -> saveLocations.exportFolder(export.getScene().getWindow()).ifPresent(folder ->
                model.exportTarget(folder, files -> written.setText(files.size() + " files written to " + folder))));
        HBox bar = new HBox(8, report, export, written);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    private Node lockBanner() {
        Label label = new Label();
        label.setId("lock-banner");
        label.setWrapText(true);
        label.textProperty().bind(Bindings.createStringBinding(() -> model.lockHolder().get() == null ? ""
                : "Another console is migrating this cluster: " + model.lockHolder().get()
                + ". Steps cannot run until it finishes or its lock expires.", model.lockHolder()));
        label.visibleProperty().bind(model.lockHolder().isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        label.setPadding(new Insets(8));
        label.setStyle("-fx-background-color: -color-warning-subtle; -fx-text-fill: -color-warning-fg;");
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    private Node resumeBanner() {
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(Bindings.createStringBinding(() -> model.interrupted().isEmpty() ? ""
                : "The console stopped while these steps were running: " + model.interrupted().stream()
                .map(StepRecord::stepId).collect(Collectors.joining(", "))
                + ". Re-check them: a step whose change is present becomes done; any other can be retried or undone.",
                model.interrupted()));
        Button recheck = new Button("Re-check now");
        recheck.setId("resume");
        recheck.setOnAction(e -> model.resume());
        HBox banner = new HBox(8, text, recheck);
        banner.setId("resume-banner");
        banner.setPadding(new Insets(8));
        banner.setStyle("-fx-background-color: -color-accent-subtle;");
        banner.visibleProperty().bind(Bindings.isNotEmpty(model.interrupted()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
