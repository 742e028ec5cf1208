package org.jouleboard.leaderboard.statistics;

/**
 * Order statistics of part of an array without sorting it: Wirth's selection, expected O(n). A board over a
 * million runs needs a few order statistics per row, and sorting every row's values would cost more than
 * the rest of the board together. The results are exactly those of sorting; only the order of the range
 * changes.
 */
public final class Selection {

    private Selection() {}

    /**
     * The k-th smallest value (k counts from {@code from}) of {@code values[from, to)}. Afterwards that value
     * sits at {@code from + k}, no larger value before it and no smaller one after it.
     */
    static double select(double[] values, int from, int to, int k) {
        int target = from + k;
        int left = from;
        int right = to - 1;
        while (left < right) {
            double pivot = medianOfThree(values[left], values[target], values[right]);
            int i = left;
            int j = right;
            do {
                while (values[i] < pivot) {
                    i++;
                }
                while (pivot < values[j]) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            } while (i <= j);
            if (j < target) {
                left = i;
            }
            if (target < i) {
                right = j;
            }
        }
        return values[target];
    }

    /** The median of {@code values[from, to)} (at least one value), as {@link Statistics#median} computes it. */
    public static double median(double[] values, int from, int to) {
        int n = to - from;
        double upper = select(values, from, to, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        return (largest(values, from, from + n / 2) + upper) / 2;
    }

    /**
     * The largest of {@code values[from, to)}: after {@link #select} of rank k, the (k-1)-th smallest is the
     * largest of those before it. A plain comparison, not Math.max: the values are finite, and this is a
     * tight loop over half of every row.
     */
    static double largest(double[] values, int from, int to) {
        double largest = values[from];
        for (int i = from + 1; i < to; i++) {
            if (values[i] > largest) {
                largest = values[i];
            }
        }
        return largest;
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
