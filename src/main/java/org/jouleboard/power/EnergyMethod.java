package org.jouleboard.power;

/** How an energy figure was obtained, best first. */
public enum EnergyMethod {
    /** Difference of the hardware's cumulative energy counter, edges corrected to the window's boundaries. */
    ENERGY_COUNTER,
    /** Trapezoid integration of sampled power. */
    TRAPEZOID,
    /** No figure: see the provenance notes for why. */
    NONE
}
