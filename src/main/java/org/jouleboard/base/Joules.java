package org.jouleboard.base;

/** An amount of energy. Unknown energy is not a Joules value: use {@code Optional<Joules>} or null. */
public record Joules(double value) implements Comparable<Joules> {

    public Joules {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("energy must be finite: " + value);
        }
    }

    public Joules plus(Joules other) {
        return new Joules(value + other.value);
    }

    public Joules minus(Joules other) {
        return new Joules(value - other.value);
    }

    public double wattHours() {
        return value / 3600.0;
    }

    /** Average power over the given seconds. */
    public Watts over(double seconds) {
        return new Watts(value / seconds);
    }

    @Override
    public int compareTo(Joules other) {
        return Double.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value + " J";
    }
}
