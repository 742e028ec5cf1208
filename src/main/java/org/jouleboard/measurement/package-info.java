/** The measuring protocol of one run: load, baseline, answer window with phases, cooldown. */
@org.springframework.modulith.ApplicationModule(displayName = "Measurement")
package org.jouleboard.measurement;
