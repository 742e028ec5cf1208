package org.jouleboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole app with a fast simulated host (400 tokens/s, short load, short baseline, quick worker polls), for
 * tests that run experiments end to end. Every class using it shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "jouleboard.simulator.tokens-per-second=400",
            "jouleboard.simulator.load-time=200ms",
            "jouleboard.simulator.prompt-eval-time=50ms",
            "jouleboard.measurement.baseline=300ms",
            "jouleboard.worker.idle-poll=200ms"
        })
public @interface FastSimulatorTest {}
