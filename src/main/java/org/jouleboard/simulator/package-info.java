/**
 * The built-in simulated GPU host: a fake Ollama on loopback ({@link org.jouleboard.simulator.internal.FakeOllama}, also
 * the test fixture for everything that talks to Ollama) and its activity for the simulated power source.
 * Depends on nothing but {@code base}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Simulator")
@org.jspecify.annotations.NullMarked
package org.jouleboard.simulator;
