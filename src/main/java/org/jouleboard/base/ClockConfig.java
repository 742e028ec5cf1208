package org.jouleboard.base;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ClockConfig {

    /** Wall-clock time for storage and display; measurements use System.nanoTime. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
