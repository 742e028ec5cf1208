package org.jouleboard.leaderboard.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jouleboard.base.Joules;

/**
 * The energy-vs-accuracy Pareto front: the entries no other entry beats on both axes. An entry is dominated
 * when another one uses no more joules, is at least as accurate, and is strictly better on one of the two.
 * Entries without an accuracy (nothing graded) must be left out by the caller: unknown is not 0%.
 */
public final class ParetoFront {

    private ParetoFront() {}

    /** The non-dominated entries, cheapest first (so also least accurate first); ties both stay. */
    public static <T> List<T> of(List<T> entries, Function<T, Joules> joules, ToDoubleFunction<T> accuracy) {
        for (T entry : entries) {
            if (!Double.isFinite(accuracy.applyAsDouble(entry))) {
                throw new IllegalArgumentException("accuracy must be finite for " + entry);
            }
        }
        List<T> sorted = new ArrayList<>(entries);
        // Cheapest first; at equal energy, most accurate first, so a sweep sees each entry's dominators first.
        sorted.sort(Comparator.comparing(joules)
                .thenComparing(Comparator.comparingDouble(accuracy).reversed()));
        List<T> front = new ArrayList<>();
        for (T entry : sorted) {
            if (front.isEmpty()) {
                front.add(entry);
                continue;
            }
            T last = front.getLast();
            double best = accuracy.applyAsDouble(last);
            double mine = accuracy.applyAsDouble(entry);
            boolean sameAsLast = mine == best && joules.apply(entry).compareTo(joules.apply(last)) == 0;
            // Everything before this entry is at most as expensive, and the last front entry is the most
            // accurate of them: beating it on accuracy (or tying it exactly) is what keeps this entry.
            if (mine > best || sameAsLast) {
                front.add(entry);
            }
        }
        return front;
    }
}
