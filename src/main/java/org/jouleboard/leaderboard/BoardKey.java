package org.jouleboard.leaderboard;

import java.util.Objects;
import org.jouleboard.inference.Think;

/** What one leaderboard row stands for: a model, its think setting, on one GPU host (a GPU type). */
public record BoardKey(String model, Think think, String host) {

    public BoardKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(host, "host");
    }

    /** For example "deepseek-r1:8b · think ON · gpu-box-1". */
    public String label() {
        return model + " · think " + think + " · " + host;
    }
}
