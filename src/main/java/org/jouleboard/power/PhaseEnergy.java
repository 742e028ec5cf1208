package org.jouleboard.power;

/** The energy of one named sub-interval of a window, e.g. "thinking" or "answer". */
public record PhaseEnergy(String phase, long startNanos, long endNanos, EnergyReading reading) {}
