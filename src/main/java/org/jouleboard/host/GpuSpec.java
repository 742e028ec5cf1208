package org.jouleboard.host;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which GPUs of a host are measured ({@code power.gpus}). AUTO, the default, picks for each run the GPUs on
 * which an Ollama runner holds memory. ALL sums every GPU. LISTED names GPUs by NVML index or by UUID
 * ({@code GPU-xxxxxxxx-...}); a UUID is safer, because NVML numbers GPUs by PCI bus while CUDA (and
 * CUDA_VISIBLE_DEVICES) orders them fastest first, so index 0 may not be the card Ollama calls 0.
 *
 * @param entries LISTED: the indices and UUIDs in order, without repeats; otherwise empty
 */
public record GpuSpec(Mode mode, List<String> entries) {

    public enum Mode {
        AUTO,
        ALL,
        LISTED
    }

    public static final GpuSpec AUTO = new GpuSpec(Mode.AUTO, List.of());
    /** More would not be one server. */
    public static final int MAX_ENTRIES = 16;

    private static final Pattern INDEX = Pattern.compile("\\d{1,3}");
    private static final Pattern UUID = Pattern.compile("GPU-[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    public GpuSpec {
        entries = List.copyOf(entries);
    }

    /** From configuration: empty, {@code auto} or {@code all}, or a list of indices and UUIDs. */
    public static GpuSpec of(@Nullable List<String> configured) {
        List<String> parts = new ArrayList<>();
        if (configured != null) {
            for (String item : configured) {
                // "0,1" in one item comes from an environment variable or a form field.
                for (String part : item == null ? new String[0] : item.split(",")) {
                    if (!part.isBlank()) {
                        parts.add(part.strip());
                    }
                }
            }
        }
        if (parts.isEmpty() || parts.size() == 1 && parts.getFirst().equalsIgnoreCase("auto")) {
            return AUTO;
        }
        if (parts.size() == 1 && parts.getFirst().equalsIgnoreCase("all")) {
            return new GpuSpec(Mode.ALL, List.of());
        }
        Set<String> unique = new LinkedHashSet<>(parts);
        return new GpuSpec(Mode.LISTED, List.copyOf(unique));
    }

    /** From a comma-separated text (the host form). */
    public static GpuSpec parse(@Nullable String text) {
        return of(text == null ? null : List.of(text));
    }

    /** What is wrong with the list, in words for an admin, or null. */
    public @Nullable String problem() {
        if (mode != Mode.LISTED) {
            return null;
        }
        if (entries.size() > MAX_ENTRIES) {
            return "At most " + MAX_ENTRIES + " GPUs.";
        }
        for (String entry : entries) {
            if (entry.equalsIgnoreCase("auto") || entry.equalsIgnoreCase("all")) {
                return "'" + entry + "' stands alone: write only auto, only all, or a list of GPUs.";
            }
            if (!INDEX.matcher(entry).matches() && !UUID.matcher(entry).matches()) {
                return "'" + shorten(entry) + "' is neither a GPU index (0, 1, ...) nor a GPU UUID"
                        + " (GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, as nvidia-smi -L shows it).";
            }
        }
        return null;
    }

    public static boolean isUuid(String entry) {
        return UUID.matcher(entry).matches();
    }

    /** LISTED with indices only (sources that cannot resolve UUIDs need that). */
    public boolean indicesOnly() {
        return entries.stream().allMatch(e -> INDEX.matcher(e).matches());
    }

    /** The listed indices; call only when {@link #indicesOnly()}. */
    public List<Integer> indices() {
        return entries.stream().map(Integer::parseInt).toList();
    }

    /** As an admin types it and as it is stored: null for auto. */
    public @Nullable String text() {
        return switch (mode) {
            case AUTO -> null;
            case ALL -> "all";
            case LISTED -> String.join(",", entries);
        };
    }

    /** For people: "auto (the GPUs an Ollama runner uses, per run)", "all", or the list. */
    public String describe() {
        return switch (mode) {
            case AUTO -> "auto (per run: the GPUs on which an Ollama runner holds memory)";
            case ALL -> "all";
            case LISTED -> "configured: " + String.join(", ", entries);
        };
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
