package dev.homelab.console.ui.charts;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.time.ZoneId;
import java.util.List;

/**
 * A chart drawn on a Canvas (JavaFX's XYChart with tens of thousands of nodes is slow): axes, grid, and a hover
 * made of two light nodes (a dashed line and a label) above it, so moving the mouse never redraws the data and no
 * second full-size canvas texture is kept per chart. Subclasses draw the data into the plot area. No animation; a
 * redraw is one pass over at most four values per pixel column per series.
 */
abstract class CanvasChart extends Region {

    static final double LEFT = 72;
    static final double RIGHT = 14;
    static final double TOP = 10;
    static final double BOTTOM = 24;
    static final Font FONT = Font.font(11);

    final Canvas canvas = new Canvas();
    private final Line crosshair = new Line();
    private final Label hoverBox = new Label();
    final ZoneId zone;
    long from;
    long to;
    ValueAxis axis = ValueAxis.BYTES;
    double yMax = 1;
    private String hoverText = "";

    CanvasChart(ZoneId zone) {
        this.zone = zone;
        crosshair.getStrokeDashArray().setAll(3.0, 3.0);
        crosshair.setStroke(Color.gray(0.4, 0.8));
        hoverBox.setStyle("-fx-background-color: rgba(30,30,30,0.85); -fx-background-radius: 6; -fx-text-fill: white;"
                + " -fx-padding: 4 6 4 6; -fx-font-size: 11px; -fx-line-spacing: 2px;");
        for (javafx.scene.Node node : List.of(crosshair, hoverBox)) {
            node.setMouseTransparent(true);
            node.setManaged(false);
            node.setVisible(false);
        }
        getChildren().addAll(canvas, crosshair, hoverBox);
        setMinSize(200, 120);
        setPrefSize(800, 260);
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseExited(e -> clearHover());
        getStyleClass().add("usage-chart");
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            clearHover();
            redraw();
        }
    }

    void setRange(long from, long to) {
        this.from = from;
        this.to = to;
    }

    int plotWidth() {
        return (int) Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    double plotHeight() {
        return Math.max(1, canvas.getHeight() - TOP - BOTTOM);
    }

    double x(long time) {
        return LEFT + (time - from) / (double) (to - from) * plotWidth();
    }

    double y(double value) {
        return TOP + plotHeight() - Math.min(value, yMax * 1.05) / yMax * plotHeight();
    }

    long timeAt(double px) {
        return from + Math.round((px - LEFT) / plotWidth() * (to - from));
    }

    /** Redraws everything: axes, grid, data. */
    final void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w < 10 || h < 10 || to <= from) {
            return;
        }
        double dataMax = Math.max(dataMax(), axis.minimumMax());
        double step = axis.step(dataMax, 4);
        yMax = Math.ceil(dataMax / step) * step;
        drawAxes(g, step);
        drawData(g);
    }

    private void drawAxes(GraphicsContext g, double step) {
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        Color grid = Color.gray(0.5, 0.25);
        Color text = Color.gray(0.45);
        for (double v = 0; v <= yMax + step / 2; v += step) {
            double yy = Math.round(y(v)) + 0.5;
            g.setStroke(grid);
            g.strokeLine(LEFT, yy, LEFT + plotWidth(), yy);
            g.setFill(text);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(axis.format(v), LEFT - 6, yy);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        List<Long> ticks = AxisScale.timeTicks(from, to, Math.max(2, plotWidth() / 110), zone);
        for (long t : ticks) {
            double xx = Math.round(x(t)) + 0.5;
            g.setStroke(grid);
            g.strokeLine(xx, TOP, xx, TOP + plotHeight());
            g.setFill(text);
            g.fillText(AxisScale.timeLabel(t, to - from, zone), xx, TOP + plotHeight() + 5);
        }
    }

    /** Largest value to show (sets the value axis). */
    abstract double dataMax();

    abstract void drawData(GraphicsContext g);

    /** What the hover shows at a time (value per series), or empty when there is nothing there. */
    abstract String describeAt(long time);

    private void hover(double px, double py) {
        if (px < LEFT || px > LEFT + plotWidth() || to <= from) {
            clearHover();
            return;
        }
        long time = timeAt(px);
        String values = describeAt(time);
        hoverText = AxisScale.hoverTime(time, zone) + (values.isEmpty() ? "\nno samples (gap)" : "\n" + values);
        crosshair.setStartX(px);
        crosshair.setEndX(px);
        crosshair.setStartY(TOP);
        crosshair.setEndY(TOP + plotHeight());
        crosshair.setVisible(true);
        hoverBox.setText(hoverText);
        hoverBox.applyCss();
        hoverBox.autosize();
        double boxWidth = hoverBox.getWidth();
        double boxHeight = hoverBox.getHeight();
        double bx = px + 12 + boxWidth > getWidth() ? px - 12 - boxWidth : px + 12;
        double by = Math.max(TOP, Math.min(py, TOP + plotHeight() - boxHeight));
        hoverBox.relocate(bx, by);
        hoverBox.setVisible(true);
    }

    private void clearHover() {
        hoverText = "";
        crosshair.setVisible(false);
        hoverBox.setVisible(false);
    }

    /** The text of the hover box now shown ("" when none): tests and accessibility read it. */
    String hoverText() {
        return hoverText;
    }

    /** Moves the hover to a point, as the mouse would. */
    void hoverAt(double px, double py) {
        hover(px, py);
    }
}
