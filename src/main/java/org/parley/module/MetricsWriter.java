package org.parley.module;

import java.util.Map;

/**
 * The Prometheus text format ({@code GET /metrics}) as modules write it: one {@code # TYPE} line per
 * series name, then its samples. Counts only — never names or addresses.
 */
public final class MetricsWriter {

    private final StringBuilder out = new StringBuilder();

    public MetricsWriter counter(String name, Number value) {
        return single("counter", name, value);
    }

    public MetricsWriter gauge(String name, Number value) {
        return single("gauge", name, value);
    }

    /** Declares a series whose samples follow through {@link #sample}. */
    public MetricsWriter type(String name, String type) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One labelled sample of a series declared with {@link #type}; labels in the order given. */
    public MetricsWriter sample(String name, Map<String, String> labels, Number value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(first ? "" : ",").append(label.getKey()).append("=\"").append(label.getValue()).append('"');
                first = false;
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
        return this;
    }

    private MetricsWriter single(String type, String name, Number value) {
        return type(name, type).sample(name, Map.of(), value);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
