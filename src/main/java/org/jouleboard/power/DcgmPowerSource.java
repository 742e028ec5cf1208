package org.jouleboard.power;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jouleboard.base.Watts;
import org.jouleboard.power.internal.PowerSource;
import org.jspecify.annotations.Nullable;

/**
 * Scrapes an NVIDIA DCGM exporter's Prometheus text ({@code /metrics}): DCGM_FI_DEV_POWER_USAGE (W, gauge)
 * and DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION (mJ, counter), one line per GPU labelled gpu="N". The exporter
 * refreshes its values only every collection interval (30 s by default), which bounds the resolution; the
 * provenance says so.
 */
final class DcgmPowerSource implements PowerSource {

    static final String POWER = "DCGM_FI_DEV_POWER_USAGE";
    static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
    private static final Pattern LINE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** DCGM marks missing values with "blank" sentinels at or above these. */
    private static final double FP64_BLANK = 140737488355328.0;

    private static final double INT64_BLANK = 9223372036854775792.0;

    private final HttpSource http = new HttpSource("DCGM exporter");
    private final URI metrics;
    private final List<Integer> indices;
    private final List<GpuInfo> infos;
    private final Duration collectInterval;

    private DcgmPowerSource(URI metrics, List<Integer> indices, List<GpuInfo> infos, Duration collectInterval) {
        this.metrics = metrics;
        this.indices = indices;
        this.infos = infos;
        this.collectInterval = collectInterval;
    }

    static DcgmPowerSource open(URI url, @Nullable List<Integer> gpus, Duration collectInterval)
            throws PowerUnavailableException {
        URI metrics = url.getPath() == null
                        || url.getPath().isEmpty()
                        || url.getPath().equals("/")
                ? url.resolve("/metrics")
                : url;
        HttpSource http = new HttpSource("DCGM exporter");
        Map<Integer, GpuInfo> found = new HashMap<>();
        try {
            for (Metric metric : parse(http.get(metrics))) {
                if (metric.name().equals(POWER)) {
                    found.put(
                            metric.gpu(),
                            new GpuInfo(
                                    metric.gpu(),
                                    metric.labels().get("modelName"),
                                    metric.labels().get("UUID"),
                                    null,
                                    null));
                }
            }
        } finally {
            http.close();
        }
        List<Integer> indices = gpus == null || gpus.isEmpty()
                ? found.keySet().stream().sorted().toList()
                : List.copyOf(gpus);
        if (indices.isEmpty()) {
            throw new PowerUnavailableException("DCGM exporter at " + metrics + " reports no " + POWER);
        }
        List<GpuInfo> infos = new ArrayList<>();
        for (int index : indices) {
            GpuInfo info = found.get(index);
            if (info == null) {
                throw new PowerUnavailableException(
                        "DCGM exporter at " + metrics + " has no " + POWER + " for GPU " + index);
            }
            infos.add(info);
        }
        return new DcgmPowerSource(metrics, indices, List.copyOf(infos), collectInterval);
    }

    record Metric(String name, Map<String, String> labels, double value) {

        int gpu() {
            return Integer.parseInt(labels.getOrDefault("gpu", "-1"));
        }
    }

    static List<Metric> parse(String text) {
        List<Metric> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.find() || !(m.group(1).equals(POWER) || m.group(1).equals(ENERGY))) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            try {
                out.add(new Metric(m.group(1), labels, Double.parseDouble(m.group(3))));
            } catch (NumberFormatException e) {
                // not a number (e.g. NaN spelled otherwise): leave the value unknown
            }
        }
        return out;
    }

    @Override
    public PowerSample read() throws PowerUnavailableException {
        long start = System.nanoTime();
        String body = http.get(metrics);
        long end = System.nanoTime();
        Map<Integer, Watts> power = new HashMap<>();
        Map<Integer, Long> energy = new HashMap<>();
        for (Metric metric : parse(body)) {
            if (metric.name().equals(POWER) && metric.value() < FP64_BLANK && metric.value() >= 0) {
                power.put(metric.gpu(), new Watts(metric.value()));
            } else if (metric.name().equals(ENERGY) && metric.value() < INT64_BLANK && metric.value() >= 0) {
                energy.put(metric.gpu(), (long) metric.value());
            }
        }
        List<GpuReading> readings = new ArrayList<>(indices.size());
        for (int index : indices) {
            readings.add(new GpuReading(index, power.get(index), null, energy.get(index)));
        }
        return new PowerSample(start + (end - start) / 2, readings);
    }

    @Override
    public String description() {
        return "DCGM exporter scrape (values refresh every " + collectInterval.toMillis()
                + " ms, the exporter's collection interval"
                + (collectInterval.compareTo(Duration.ofMillis(100)) > 0 ? ": coarse for single answers)" : ")");
    }

    @Override
    public List<GpuInfo> gpus() {
        return infos;
    }

    @Override
    public Duration minInterval() {
        // Scraping faster than the exporter collects only repeats its last values.
        return collectInterval;
    }

    @Override
    public Duration refreshInterval() {
        return collectInterval;
    }

    @Override
    public Duration counterStep() {
        return collectInterval;
    }

    @Override
    public Duration probePeriod() {
        // A twentieth of the collection interval locates an update well enough; never hammer the exporter.
        long millis = Math.clamp(collectInterval.toMillis() / 20, 5, 100);
        return Duration.ofMillis(millis);
    }

    @Override
    public void close() {
        http.close();
    }
}
