package org.jouleboard.power;

import org.jouleboard.base.Watts;
import org.jspecify.annotations.Nullable;

/** What a source knows about one GPU; fields it cannot tell are null. */
public record GpuInfo(
        int index,
        @Nullable String name,
        @Nullable String uuid,
        @Nullable String architecture,
        @Nullable Watts powerLimit) {

    public String label() {
        return "GPU " + index + (name == null ? "" : " (" + name + ")");
    }
}
