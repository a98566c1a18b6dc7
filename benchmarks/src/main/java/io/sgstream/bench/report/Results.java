package io.sgstream.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's results: machine, settings, every measurement; written as JSON and markdown. In the markdown each
 * workload is a table whose rows are metrics and whose columns are ours, each other system, and ours ÷ theirs.
 */
public final class Results {

    /** Metric name → what it means (with its unit and which way is better). */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("rows", "rows copied");
        LABELS.put("seconds", "time until source = target, s (lower is better)");
        LABELS.put("rows_per_s", "rows/s (higher is better)");
        LABELS.put("initial_sync_s", "initial sync of the base rows, s");
        LABELS.put("workload_s", "workload duration, s");
        LABELS.put("transactions", "source transactions");
        LABELS.put("source_tps", "source transactions/s during the workload");
        LABELS.put("changes", "row changes (events) to apply");
        LABELS.put("events_per_s", "events/s applied: changes ÷ (workload + catch-up) (higher is better)");
        LABELS.put("catchup_s", "catch-up after the workload stopped, s (lower is better)");
        LABELS.put("lag_p50_ms", "commit-to-apply lag p50, ms (lower is better)");
        LABELS.put("lag_p99_ms", "commit-to-apply lag p99, ms (lower is better)");
        LABELS.put("lag_max_ms", "commit-to-apply lag max, ms");
        LABELS.put("events", "change events delivered");
        LABELS.put("delivery_s", "time until every snapshot event was acknowledged, s (lower is better)");
        LABELS.put("events_per_s_delivered", "events/s delivered (higher is better)");
        LABELS.put("pipeline_cpu_s", "CPU s of the system's own process(es) (lower is better)");
        LABELS.put("pg_cpu_s", "CPU s of both PostgreSQL servers");
        LABELS.put("peak_rss_mb", "peak RSS of the system's own process(es), MiB");
    }

    private final Map<String, Object> machine;
    private final Map<String, Object> settings;
    private final List<Measurement> measurements = new ArrayList<>();

    public Results(Map<String, Object> machine, Map<String, Object> settings) {
        this.machine = new LinkedHashMap<>(machine);
        this.settings = settings;
    }

    /** Adds to the machine description (e.g. the load average at the end). */
    public void describe(String key, Object value) {
        machine.put(key, value);
    }

    public void add(Measurement m) {
        measurements.add(m);
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public boolean failed() {
        return measurements.stream().anyMatch(m -> m.failure != null);
    }

    public void write(Path json, Path markdown) throws IOException {
        Files.createDirectories(json.getParent());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        root.put("settings", settings);
        root.put("measurements", measurements);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.PUBLIC_ONLY)
                .writeValue(json.toFile(), root);
        Files.writeString(markdown, markdown());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Settings\n\n");
        settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        for (String workload : measurements.stream().map(m -> m.workload).distinct().toList()) {
            List<Measurement> rows = measurements.stream().filter(m -> m.workload.equals(workload)).toList();
            Optional<Measurement> ours = rows.stream().filter(m -> m.system.equals("ours")).findFirst();
            List<Measurement> others = rows.stream().filter(m -> !m.system.equals("ours")).toList();
            md.append("\n### ").append(workload).append("\n\n| metric | ours |");
            StringBuilder rule = new StringBuilder("|---|---:|");
            for (Measurement o : others) {
                md.append(' ').append(o.system).append(" | ours ÷ ").append(o.system).append(" |");
                rule.append("---:|---:|");
            }
            md.append('\n').append(rule).append('\n');
            List<String> metrics = new ArrayList<>();
            rows.forEach(m -> m.metrics.keySet().forEach(k -> {
                if (!metrics.contains(k)) {
                    metrics.add(k);
                }
            }));
            for (String metric : metrics) {
                Double mine = ours.map(m -> m.metrics.get(metric)).orElse(null);
                md.append("| ").append(LABELS.getOrDefault(metric, metric)).append(" | ").append(format(mine)).append(" |");
                for (Measurement o : others) {
                    Double theirs = o.metrics.get(metric);
                    md.append(' ').append(format(theirs)).append(" | ")
                            .append(mine == null || theirs == null || theirs == 0 ? "" : String.format("%.2f", mine / theirs)).append(" |");
                }
                md.append('\n');
            }
            rows.stream().filter(m -> m.failure != null)
                    .forEach(m -> md.append("\n**FAILED** ").append(m.system).append(": ").append(m.failure).append('\n'));
        }
        return md.toString();
    }

    private static String format(Double v) {
        if (v == null) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) >= 100) {
            return String.format("%,d", v.longValue());
        }
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }
}
