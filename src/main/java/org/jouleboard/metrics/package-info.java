/** Prometheus metrics (through Spring Boot Actuator): live watts, queue lengths, runs and joules measured. */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics")
package org.jouleboard.metrics;
