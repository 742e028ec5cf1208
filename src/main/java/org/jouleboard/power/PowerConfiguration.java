package org.jouleboard.power;

import java.time.Clock;
import org.jouleboard.host.HostService;
import org.jouleboard.simulator.SimulatorActivity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's power monitor follows the host list as admins change it, and announces opened sources. */
@Configuration(proxyBeanMethods = false)
class PowerConfiguration {

    @Bean
    PowerMonitor powerMonitor(
            HostService hosts,
            PowerSettings settings,
            ObjectProvider<SimulatorActivity> activity,
            Clock clock,
            ApplicationEventPublisher events) {
        return new PowerMonitor(hosts::hosts, settings, activity::getIfAvailable, clock, events::publishEvent);
    }
}
