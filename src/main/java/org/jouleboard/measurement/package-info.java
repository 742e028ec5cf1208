/** The measuring protocol of one run: load, baseline, answer window with phases, cooldown. */
@org.springframework.modulith.ApplicationModule(displayName = "Measurement")
@org.jspecify.annotations.NullMarked
package org.jouleboard.measurement;
