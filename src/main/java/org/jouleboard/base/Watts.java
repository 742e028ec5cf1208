package org.jouleboard.base;

/** A power level. Unknown power is not a Watts value: use {@code Optional<Watts>} or null, never 0 W. */
public record Watts(double value) implements Comparable<Watts> {

    public Watts {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("power must be finite: " + value);
        }
    }

    public static Watts ofMilliwatts(double milliwatts) {
        return new Watts(milliwatts / 1000.0);
    }

    /** Energy spent at this power for the given seconds. */
    public Joules over(double seconds) {
        return new Joules(value * seconds);
    }

    @Override
    public int compareTo(Watts other) {
        return Double.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value + " W";
    }
}
