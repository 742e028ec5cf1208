package org.jouleboard.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The NVML libraries an admin may choose for a host in the browser: the {@code libnvidia-ml.so*} files found
 * directly in {@code jouleboard.nvml.library-dirs}. Any other path is set in configuration only, so that the
 * browser cannot make the server load a library of its choosing.
 */
@Component
class NvmlLibraries {

    static final List<String> DEFAULT_DIRS = List.of(
            "/usr/lib",
            "/usr/lib64",
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/local/nvidia/lib64",
            "/usr/local/nvidia/lib",
            "/usr/local/cuda/lib64",
            "/usr/lib/wsl/lib");

    private final List<Path> dirs;

    /** Bound as a YAML list or a comma-separated value (an environment variable), like any list setting. */
    @Autowired
    NvmlLibraries(Environment environment) {
        this(Binder.get(environment)
                .bind("jouleboard.nvml.library-dirs", Bindable.listOf(String.class))
                .orElse(DEFAULT_DIRS));
    }

    NvmlLibraries(List<String> dirs) {
        this.dirs = dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d.strip()).toAbsolutePath().normalize())
                .toList();
    }

    /** Found now (a driver installed since is listed without a restart), in directory order, then by name. */
    List<String> available() {
        List<String> found = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<String> here = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "libnvidia-ml.so*")) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        here.add(file.toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + dir, e);
            }
            here.sort(null);
            found.addAll(here);
        }
        return found;
    }

    List<Path> dirs() {
        return dirs;
    }
}
