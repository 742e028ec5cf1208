package org.jouleboard.host;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jouleboard.host.HostProperties.PowerSourceKind;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/**
 * A GPU host as an admin types it in. {@link #problems()} names what is wrong, field by field; the service adds
 * what needs the other hosts (a name already taken). Power source SIMULATED makes a simulated host: the
 * built-in fake Ollama, no URL, everything labelled SIMULATED.
 *
 * @param gpus      which GPUs to measure and sum ({@link GpuSpec}): blank or "auto", "all", or indices and GPU
 *                  UUIDs separated by commas
 * @param baseline  null: the global measurement setting
 * @param cooldown  null: the global measurement setting
 */
public record HostDraft(
        @Nullable String name,
        @Nullable String ollamaUrl,
        @Nullable PowerSourceKind source,
        @Nullable String nvmlLibrary,
        @Nullable String gpus,
        @Nullable String zeusdUrl,
        @Nullable String dcgmUrl,
        @Nullable Duration sampleInterval,
        @Nullable Duration baseline,
        @Nullable Duration cooldown,
        @Nullable String notes) {

    public static final int MAX_NOTES = 2000;
    static final Duration MIN_SAMPLE_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_SAMPLE_INTERVAL = Duration.ofSeconds(60);
    static final Duration MIN_BASELINE = Duration.ofMillis(500);
    static final Duration MAX_BASELINE = Duration.ofSeconds(60);
    static final Duration MAX_COOLDOWN = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Longer than 16 UUIDs with separators cannot be a valid list; refused before parsing. */
    public static final int MAX_GPUS_TEXT = 1000;

    /** A problem with one field of the draft, in words for the admin. */
    public record Problem(String field, String message) {}

    public boolean simulated() {
        return source == PowerSourceKind.SIMULATED;
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new Problem(
                    "name", "Use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit."));
        }
        if (source == null) {
            problems.add(new Problem("source", "Choose a power source (none if the host has no readable power)."));
        }
        if (simulated()) {
            if (!blank(ollamaUrl)) {
                problems.add(new Problem(
                        "ollamaUrl", "A simulated host uses the built-in fake Ollama: leave the URL empty."));
            }
        } else {
            urlProblem("ollamaUrl", "The Ollama URL", ollamaUrl, true, problems);
        }
        if (source == PowerSourceKind.NVML && !blank(nvmlLibrary)) {
            Path library = Path.of(nvmlLibrary.strip());
            if (!library.isAbsolute() || !library.getFileName().toString().startsWith("libnvidia-ml")) {
                problems.add(new Problem(
                        "nvmlLibrary",
                        "Give the absolute path of libnvidia-ml.so.1, or leave empty for the system's."));
            }
        }
        if (gpus != null && gpus.length() > MAX_GPUS_TEXT) {
            problems.add(new Problem("gpus", "At most " + MAX_GPUS_TEXT + " characters."));
        } else if (gpuSpec().problem() != null) {
            problems.add(new Problem(
                    "gpus",
                    gpuSpec().problem()
                            + " Write auto (or leave empty), all, or indices and UUIDs separated by commas."));
        } else if (gpuSpec().mode() == GpuSpec.Mode.LISTED
                && !gpuSpec().indicesOnly()
                && source != PowerSourceKind.NVML) {
            problems.add(new Problem("gpus", "Only NVML resolves GPU UUIDs: list indices for this source."));
        }
        if (source == PowerSourceKind.ZEUSD) {
            urlProblem("zeusdUrl", "The zeusd URL", zeusdUrl, true, problems);
        }
        if (source == PowerSourceKind.DCGM) {
            urlProblem("dcgmUrl", "The DCGM exporter URL", dcgmUrl, true, problems);
        }
        range(
                "sampleInterval",
                "The sample interval",
                sampleInterval,
                MIN_SAMPLE_INTERVAL,
                MAX_SAMPLE_INTERVAL,
                true,
                problems);
        range("baseline", "The baseline", baseline, MIN_BASELINE, MAX_BASELINE, false, problems);
        range("cooldown", "The cooldown", cooldown, Duration.ZERO, MAX_COOLDOWN, false, problems);
        if (notes != null && notes.length() > MAX_NOTES) {
            problems.add(new Problem("notes", "Notes are limited to " + MAX_NOTES + " characters."));
        }
        return problems;
    }

    /** The GPU field as a selection (auto when blank). */
    public GpuSpec gpuSpec() {
        return GpuSpec.parse(gpus);
    }

    /**
     * Only http(s), a host, and no user name or password: credentials in a URL end up in logs and on screens,
     * and other schemes (file:, jar:) would let the server read what it should not.
     */
    static @Nullable String urlProblem(String what, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return what + " is not a valid URL: " + e.getReason() + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return what + " must start with http:// or https://.";
        }
        if (uri.getRawUserInfo() != null) {
            return what + " must not contain a user name or password.";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return what + " needs a host name, e.g. http://gpu-box:11434.";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return what + " must not have a query (?...) or fragment (#...).";
        }
        return null;
    }

    static @Nullable URI uri(@Nullable String url) {
        return blank(url) ? null : URI.create(url.strip());
    }

    private static void urlProblem(
            String field, String what, @Nullable String url, boolean required, List<Problem> problems) {
        if (blank(url)) {
            if (required) {
                problems.add(new Problem(field, what + " is required."));
            }
            return;
        }
        String problem = urlProblem(what, url);
        if (problem != null) {
            problems.add(new Problem(field, problem));
        }
    }

    private static void range(
            String field,
            String what,
            @Nullable Duration value,
            Duration min,
            Duration max,
            boolean required,
            List<Problem> problems) {
        if (value == null) {
            if (required) {
                problems.add(new Problem(field, what + " is required."));
            }
        } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(new Problem(
                    field, what + " must be between " + min.toMillis() + " ms and " + max.toMillis() + " ms."));
        }
    }

    @Contract("null -> true")
    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
