/** Prometheus metrics (through Spring Boot Actuator): live watts, queue lengths, runs and joules measured. */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics")
@org.jspecify.annotations.NullMarked
package org.jouleboard.metrics;
