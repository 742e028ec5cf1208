package org.jouleboard.power;

import org.jouleboard.base.Watts;

/** What a source knows about one GPU; fields it cannot tell are null. */
public record GpuInfo(int index, String name, String uuid, String architecture, Watts powerLimit) {

    public String label() {
        return "GPU " + index + (name == null ? "" : " (" + name + ")");
    }
}
