package org.jouleboard.host;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GPU hosts declared in configuration ({@code jouleboard.hosts[n]...}). These names are a contract that
 * scripts and other issues rely on; see config/application.yml.
 */
@ConfigurationProperties("jouleboard")
public record HostProperties(@DefaultValue List<Host> hosts) {

    public record Host(
            String name,
            URI ollamaUrl,
            @DefaultValue("false") boolean simulated,
            @DefaultValue Power power) {
    }

    public record Power(
            @DefaultValue("none") PowerSourceKind source,
            String nvmlLibrary,
            List<Integer> gpus,
            URI zeusdUrl,
            URI dcgmUrl,
            @DefaultValue("100ms") Duration sampleInterval) {
    }

    public enum PowerSourceKind { NVML, ZEUSD, DCGM, SIMULATED, NONE }
}
