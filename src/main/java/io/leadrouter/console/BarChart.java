package io.leadrouter.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar chart laid out on the server, rendered by the template as inline SVG: no charting library, no
 * script, readable by screen readers through its table twin.
 */
public record BarChart(String id, String title, List<Bar> bars, int width, int height) {

    static final int LABEL_WIDTH = 240;
    static final int BAR_AREA = 520;
    static final int ROW = 22;

    public record Bar(String label, long value, int y, int barWidth, int textY, int valueX) {
    }

    static BarChart of(String id, String title, Map<String, Long> values) {
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 6;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            int w = max == 0 ? 0 : (int) Math.max(e.getValue() > 0 ? 2 : 0, Math.round(BAR_AREA * (double) e.getValue() / max));
            bars.add(new Bar(e.getKey(), e.getValue(), y, w, y + 15, LABEL_WIDTH + w + 6));
            y += ROW;
        }
        return new BarChart(id, title, bars, LABEL_WIDTH + BAR_AREA + 60, Math.max(y + 6, 30));
    }

    public int labelWidth() {
        return LABEL_WIDTH;
    }
}
