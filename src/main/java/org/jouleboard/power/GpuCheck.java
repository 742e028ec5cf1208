package org.jouleboard.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jouleboard.host.GpuSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The check to run on a real GPU server before trusting its joules: reads every GPU through the same NVML
 * binding as the app (no Spring, no Ollama, no network) and writes a JSON report: names, UUIDs, architecture,
 * instant power (field 186) against the averaged reading, the energy counter's update period as measured by
 * polling it fast, and the counter against integrated instant power, at idle and, where libcuda can run a
 * busy-loop kernel, under a square-wave load. See the README, "Checking a real GPU".
 *
 * <pre>bin/gpu-check --out gpu-check.json [--idle 10s] [--load 10s] [--square 1s] [--poll 1ms]
 *                [--nvml-library PATH] [--cuda-library PATH]</pre>
 */
public final class GpuCheck {

    /** The report's version: bump it when a field changes meaning. */
    static final int REPORT_VERSION = 1;

    record Options(
            Path out,
            @Nullable String nvmlLibrary,
            @Nullable String cudaLibrary,
            Duration idle,
            Duration load,
            Duration square,
            Duration poll) {

        static Options parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (!key.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + key + "'");
                }
                values.put(key.substring(2), args[++i]);
            }
            List<String> known = List.of("out", "nvml-library", "cuda-library", "idle", "load", "square", "poll");
            values.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException(
                        "unknown option --" + k + " (known: --" + String.join(", --", known) + ")");
            });
            if (!values.containsKey("out")) {
                throw new IllegalArgumentException("--out PATH is required: where to write the JSON report");
            }
            return new Options(
                    Path.of(values.get("out")),
                    values.get("nvml-library"),
                    values.get("cuda-library"),
                    duration(values, "idle", "10s"),
                    duration(values, "load", "10s"),
                    duration(values, "square", "1s"),
                    duration(values, "poll", "1ms"));
        }

        private static Duration duration(Map<String, String> values, String key, String fallback) {
            String text = values.getOrDefault(key, fallback).strip().toLowerCase(java.util.Locale.ROOT);
            try {
                Duration value;
                if (text.endsWith("ms")) {
                    value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                } else if (text.endsWith("s")) {
                    value = Duration.ofMillis(
                            Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
                } else {
                    value = Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
                }
                if (value.isNegative() || value.toHours() > 1) {
                    throw new IllegalArgumentException("--" + key + " must be between 0 and 1 h");
                }
                return value;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("--" + key + ": '" + text + "' is not a duration (e.g. 10s, 500ms)");
            }
        }
    }

    private GpuCheck() {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gpu-check: " + e.getMessage());
            System.err.println("usage: gpu-check --out report.json [--idle 10s] [--load 10s] [--square 1s]"
                    + " [--poll 1ms] [--nvml-library PATH] [--cuda-library PATH]");
            System.exit(2);
            return;
        }
        Map<String, Object> report = run(options);
        write(options.out(), report);
        System.out.println("gpu-check: report written to " + options.out().toAbsolutePath()
                + (report.containsKey("error") ? " (NVML could not be read: " + report.get("error") + ")" : ""));
        if (report.containsKey("error")) {
            System.exit(1);
        }
    }

    static void write(Path out, Map<String, Object> report) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                out,
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    /** Runs every step and returns the report; an NVML that cannot be opened is an "error" entry, not an exception. */
    static Map<String, Object> run(Options options) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("tool", "jouleboard gpu-check");
        report.put("reportVersion", REPORT_VERSION);
        report.put("startedAt", Instant.now().toString());
        report.put("nvmlLibrary", options.nvmlLibrary() == null ? "libnvidia-ml.so.1 (system)" : options.nvmlLibrary());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("idleMs", options.idle().toMillis());
        settings.put("loadMs", options.load().toMillis());
        settings.put("squarePeriodMs", options.square().toMillis());
        settings.put("pollMs", options.poll().toNanos() / 1e6);
        report.put("settings", settings);
        NvmlPowerSource source;
        try {
            source = NvmlPowerSource.openSelected(
                    options.nvmlLibrary(), new GpuSpec(GpuSpec.Mode.ALL, List.of()), Duration.ofMillis(100));
        } catch (PowerUnavailableException e) {
            report.put("error", e.getMessage());
            return report;
        }
        try {
            report.put("description", source.description());
            report.put("notes", source.notes());
            Trace idle = Trace.poll(source, options.idle(), options.poll());
            String loadTest;
            Trace loaded = null;
            try (CudaLoad load = CudaLoad.start(options.cudaLibrary(), options.square())) {
                loaded = Trace.poll(source, options.load(), options.poll());
                loadTest = "square wave on " + load.devices() + " CUDA device(s): busy-loop kernel for "
                        + options.square().toMillis() / 2 + " ms, idle for "
                        + options.square().toMillis() / 2 + " ms"
                        + (load.errors().isEmpty() ? "" : "; errors: " + String.join("; ", load.errors()));
            } catch (CudaLoad.NoLoad e) {
                loadTest = e.getMessage();
            }
            report.put("loadTest", loadTest);
            List<Map<String, Object>> gpus = new ArrayList<>();
            for (int g = 0; g < source.gpus().size(); g++) {
                GpuInfo info = source.gpus().get(g);
                Map<String, Object> gpu = new LinkedHashMap<>();
                gpu.put("index", info.index());
                gpu.put("name", info.name());
                gpu.put("uuid", info.uuid());
                gpu.put("architecture", info.architecture());
                gpu.put(
                        "powerLimitW",
                        info.powerLimit() == null ? null : info.powerLimit().value());
                gpu.put("instantPowerField186", source.instantField(info.index()));
                gpu.put("energyCounter", source.energyCounter(info.index()));
                gpu.put("idle", idle.summary(g));
                if (loaded != null) {
                    gpu.put("load", loaded.summary(g));
                }
                gpus.add(gpu);
            }
            report.put("gpus", gpus);
            report.put(
                    "howToRead",
                    List.of(
                            "instantPowerField186 false: power is nvmlDeviceGetPowerUsage, a 1 s average on Ampere and newer;"
                                    + " short answers are then integrated from smoothed power.",
                            "instantMeanW vs averageMeanW (field 185, 1 s average): equal at steady idle; under the square"
                                    + " wave the average lags, so meanAbsInstantMinusAverageW shows how much an average-based"
                                    + " reading would smear edges.",
                            "counter.updatePeriodMs: how often the energy counter advanced (median, min, max over the run);"
                                    + " set the host's counter-step to the median. readGapMs is the polling resolution.",
                            "counterVsIntegrated: energy between the first and last counter update seen, from the counter"
                                    + " and from trapezoid-integrated instant power; differencePercent within a few percent"
                                    + " means the two agree (the SC'24 study saw +-5 % steady-state sensor error)."));
            report.put("finishedAt", Instant.now().toString());
            return report;
        } finally {
            source.close();
        }
    }

    /** Every GPU polled as fast as asked for a while: the raw material of the report. */
    record Trace(long[] nanos, List<List<GpuReading>> readings) {

        static Trace poll(NvmlPowerSource source, Duration length, Duration pause) {
            List<Long> times = new ArrayList<>();
            List<List<GpuReading>> readings = new ArrayList<>();
            long end = System.nanoTime() + length.toNanos();
            String failure = null;
            while (System.nanoTime() < end) {
                try {
                    PowerSample sample = source.read();
                    times.add(sample.nanos());
                    readings.add(sample.gpus());
                } catch (PowerUnavailableException e) {
                    failure = e.getMessage();
                }
                LockSupport.parkNanos(pause.toNanos());
            }
            if (times.isEmpty() && failure != null) {
                throw new IllegalStateException("no reading succeeded: " + failure);
            }
            return new Trace(times.stream().mapToLong(Long::longValue).toArray(), readings);
        }

        Map<String, Object> summary(int g) {
            Map<String, Object> out = new LinkedHashMap<>();
            int n = nanos.length;
            out.put("readings", n);
            out.put("readGapMs", round(median(gaps(nanos)) / 1e6, 3));
            double instantSum = 0;
            double averageSum = 0;
            double absDifference = 0;
            int instantCount = 0;
            int averageCount = 0;
            int bothCount = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (List<GpuReading> sample : readings) {
                GpuReading r = sample.get(g);
                if (r.power() != null) {
                    instantSum += r.power().value();
                    instantCount++;
                    min = Math.min(min, r.power().value());
                    max = Math.max(max, r.power().value());
                }
                if (r.averagePower() != null) {
                    averageSum += r.averagePower().value();
                    averageCount++;
                }
                if (r.power() != null && r.averagePower() != null) {
                    absDifference +=
                            Math.abs(r.power().value() - r.averagePower().value());
                    bothCount++;
                }
            }
            out.put("instantMeanW", instantCount == 0 ? null : round(instantSum / instantCount, 2));
            out.put("instantMinW", instantCount == 0 ? null : round(min, 2));
            out.put("instantMaxW", instantCount == 0 ? null : round(max, 2));
            out.put("averageMeanW", averageCount == 0 ? null : round(averageSum / averageCount, 2));
            out.put("meanAbsInstantMinusAverageW", bothCount == 0 ? null : round(absDifference / bothCount, 2));
            out.put("counter", counter(g));
            return out;
        }

        /**
         * Update times (midway between the reads around a change) and the energy between the first and last
         * update whose reads were close together (a starved poll brackets an update loosely).
         */
        private Map<String, Object> counter(int g) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Long> changes = new ArrayList<>();
            List<Long> brackets = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i < nanos.length; i++) {
                Long before = readings.get(i - 1).get(g).counterMillijoules();
                Long now = readings.get(i).get(g).counterMillijoules();
                if (before != null && now != null && !now.equals(before)) {
                    changes.add(nanos[i - 1] + (nanos[i] - nanos[i - 1]) / 2);
                    brackets.add(nanos[i] - nanos[i - 1]);
                    values.add(now);
                }
            }
            out.put("updates", changes.size());
            if (changes.size() < 2) {
                out.put("updatePeriodMs", null);
                out.put("counterVsIntegrated", null);
                out.put(
                        "note",
                        readings.isEmpty() || readings.getFirst().get(g).counterMillijoules() == null
                                ? "no energy counter"
                                : "the counter changed fewer than two times: run longer (or the GPU drew no power)");
                return out;
            }
            long[] times = changes.stream().mapToLong(Long::longValue).toArray();
            long[] periods = gaps(times);
            Map<String, Object> period = new LinkedHashMap<>();
            period.put("median", round(median(periods) / 1e6, 2));
            period.put("min", round(Arrays.stream(periods).min().orElse(0) / 1e6, 2));
            period.put("max", round(Arrays.stream(periods).max().orElse(0) / 1e6, 2));
            out.put("updatePeriodMs", period);
            long tight = Math.max(2_000_000L, 2 * (long) median(gaps(nanos)));
            int first = 0;
            while (first < changes.size() - 1 && brackets.get(first) > tight) {
                first++;
            }
            int last = changes.size() - 1;
            while (last > first && brackets.get(last) > tight) {
                last--;
            }
            if (last <= first) {
                out.put("counterVsIntegrated", null);
                out.put(
                        "note",
                        "no two counter updates were bracketed within " + tight / 1_000_000
                                + " ms: the polling was starved; run again on an idle CPU");
                return out;
            }
            long from = times[first];
            long to = times[last];
            double counterJoules = (values.get(last) - values.get(first)) / 1000.0;
            Double integrated = integrate(g, from, to);
            Map<String, Object> compare = new LinkedHashMap<>();
            compare.put("seconds", round((to - from) / 1e9, 3));
            compare.put(
                    "edgeBracketsMs", List.of(round(brackets.get(first) / 1e6, 3), round(brackets.get(last) / 1e6, 3)));
            compare.put("counterJ", round(counterJoules, 3));
            compare.put("integratedInstantJ", integrated == null ? null : round(integrated, 3));
            compare.put(
                    "differencePercent",
                    integrated == null || integrated == 0
                            ? null
                            : round((counterJoules - integrated) / integrated * 100, 3));
            out.put("counterVsIntegrated", compare);
            return out;
        }

        /** Trapezoid of instant power between two times (linear between reads); null without power. */
        private @Nullable Double integrate(int g, long from, long to) {
            double joules = 0;
            @Nullable Long previousT = null;
            double previousW = 0;
            for (int i = 0; i < nanos.length; i++) {
                GpuReading r = readings.get(i).get(g);
                if (r.power() == null) {
                    continue;
                }
                double w = r.power().value();
                if (previousT != null) {
                    long a = Math.max(previousT, from);
                    long b = Math.min(nanos[i], to);
                    if (b > a) {
                        double wa = previousW + (w - previousW) * (a - previousT) / (double) (nanos[i] - previousT);
                        double wb = previousW + (w - previousW) * (b - previousT) / (double) (nanos[i] - previousT);
                        joules += (wa + wb) / 2 * (b - a) / 1e9;
                    }
                }
                previousT = nanos[i];
                previousW = w;
            }
            return previousT == null ? null : joules;
        }

        private static long[] gaps(long[] times) {
            long[] gaps = new long[Math.max(0, times.length - 1)];
            for (int i = 1; i < times.length; i++) {
                gaps[i - 1] = times[i] - times[i - 1];
            }
            return gaps;
        }

        private static double median(long[] values) {
            if (values.length == 0) {
                return 0;
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted.length % 2 == 1
                    ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        }

        private static double round(double value, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(value * scale) / scale;
        }
    }
}
