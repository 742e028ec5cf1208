package org.jouleboard.simulator;

/**
 * What the built-in simulated GPU host is doing right now, so that its simulated power follows its
 * simulated work. Polled by the simulated power source at each sample.
 */
public interface SimulatorActivity {

    /** Fraction of full load, 0 (idle) to 1 (generating tokens flat out). */
    double load();
}
