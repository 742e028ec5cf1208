package org.jouleboard.power;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jouleboard.base.Watts;
import org.jouleboard.power.internal.PowerSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Zeus daemon's HTTP API (TCP mode): {@code GET /gpu/get_power?gpu_ids=0,1} answers
 * {@code {"timestamp_ms":..,"power_mw":{"0":..}}} (NVML instant power) and
 * {@code GET /gpu/get_cumulative_energy?gpu_ids=0,1} answers {@code {"0":{"energy_mj":..}}} (the NVML counter).
 */
final class ZeusdPowerSource implements PowerSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpSource http = new HttpSource("zeusd");
    private final URI power;
    private final URI energy;
    private final List<Integer> indices;
    private final List<GpuInfo> infos;
    private final Duration counterStep;

    private ZeusdPowerSource(URI base, List<Integer> indices, Duration counterStep) {
        String ids = indices.stream().map(String::valueOf).collect(Collectors.joining(","));
        String root = base.toString().replaceAll("/+$", "");
        this.power = URI.create(root + "/gpu/get_power?gpu_ids=" + ids);
        this.energy = URI.create(root + "/gpu/get_cumulative_energy?gpu_ids=" + ids);
        this.indices = List.copyOf(indices);
        this.infos = indices.stream()
                .map(i -> new GpuInfo(i, null, null, null, null))
                .toList();
        this.counterStep = counterStep;
    }

    /** Connects and, without configured GPUs, takes every GPU zeusd reports. */
    static ZeusdPowerSource open(URI base, @Nullable List<Integer> gpus, Duration counterStep)
            throws PowerUnavailableException {
        List<Integer> indices = gpus;
        if (indices == null || indices.isEmpty()) {
            HttpSource probe = new HttpSource("zeusd");
            try {
                String root = base.toString().replaceAll("/+$", "");
                JsonNode all = parse(probe.get(URI.create(root + "/gpu/get_power")));
                indices = new ArrayList<>();
                for (String key : all.path("power_mw").propertyNames()) {
                    indices.add(Integer.parseInt(key));
                }
                indices.sort(null);
            } finally {
                probe.close();
            }
            if (indices.isEmpty()) {
                throw new PowerUnavailableException("zeusd at " + base + " reports no GPU");
            }
        }
        ZeusdPowerSource source = new ZeusdPowerSource(base, indices, counterStep);
        source.read();
        return source;
    }

    private static JsonNode parse(String body) throws PowerUnavailableException {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new PowerUnavailableException("zeusd sent something that is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public PowerSample read() throws PowerUnavailableException {
        // Both requests in flight together, so power and counter describe nearly the same moment.
        long start = System.nanoTime();
        var pendingPower = http.send(power);
        var pendingEnergy = http.send(energy);
        JsonNode powers = parse(http.get(pendingPower, power)).path("power_mw");
        JsonNode energies = parse(http.get(pendingEnergy, energy));
        long end = System.nanoTime();
        List<GpuReading> readings = new ArrayList<>(indices.size());
        for (int index : indices) {
            JsonNode mw = powers.path(String.valueOf(index));
            JsonNode mj = energies.path(String.valueOf(index)).path("energy_mj");
            readings.add(new GpuReading(
                    index,
                    mw.isNumber() ? Watts.ofMilliwatts(mw.asDouble()) : null,
                    null,
                    mj.isNumber() ? mj.asLong() : null));
        }
        return new PowerSample(start + (end - start) / 2, readings);
    }

    @Override
    public String description() {
        return "zeusd, NVML instant power and energy counter over HTTP";
    }

    @Override
    public List<GpuInfo> gpus() {
        return infos;
    }

    @Override
    public Duration minInterval() {
        return Duration.ofMillis(50);
    }

    @Override
    public Duration counterStep() {
        return counterStep;
    }

    @Override
    public Duration probePeriod() {
        return Duration.ofMillis(5);
    }

    @Override
    public void close() {
        http.close();
    }
}
