package org.jouleboard.leaderboard.columns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers distinct values 0, 1, 2... in the order they first appear, so columns can hold ints instead. */
final class Ordinals<T> {

    private final Map<T, Integer> numbers = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int of(T value) {
        return numbers.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    /** The values by number, fixed: the writer may number more later. */
    List<T> values() {
        return List.copyOf(values);
    }
}
