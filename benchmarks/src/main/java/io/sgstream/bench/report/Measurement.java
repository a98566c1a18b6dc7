package io.sgstream.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One system's numbers for one workload; {@code failure} set when it did not finish or the target differed. */
public final class Measurement {

    public final String workload;
    public final String system;
    public final Map<String, Double> metrics = new LinkedHashMap<>();
    public String failure;

    public Measurement(String workload, String system) {
        this.workload = workload;
        this.system = system;
    }

    public Measurement put(String metric, double value) {
        metrics.put(metric, value);
        return this;
    }
}
