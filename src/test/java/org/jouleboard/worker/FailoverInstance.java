package org.jouleboard.worker;

import java.util.HashMap;
import java.util.Map;

import org.jouleboard.JouleboardApplication;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.live.LiveDelta;
import org.jouleboard.live.LiveFeed;
import org.jouleboard.live.LiveSubscription;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole app in a JVM of its own, as {@link FailoverPostgresTest} starts it to kill it: it also prints
 * {@code ANSWER <host> <run id> <answer chunks so far>} each time a host's running answer grows on this
 * instance, read from its live feed as a viewer would, so that the test can kill it in the middle of an answer.
 */
public final class FailoverInstance {

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(JouleboardApplication.class).run(args);
        LiveFeed feed = app.getBean(LiveFeed.class);
        Map<String, LiveSubscription> follows = new HashMap<>();
        for (GpuHost host : app.getBean(HostService.class).hosts()) {
            follows.put(host.name(), feed.follow(host.name()));
        }
        Map<String, Long> runs = new HashMap<>();
        Map<String, Integer> chunks = new HashMap<>();
        System.out.println("STARTED");
        while (true) {
            follows.forEach((host, follow) -> {
                LiveDelta delta = follow.poll();
                if (delta.header() != null) {
                    runs.put(host, delta.header().runId());
                    chunks.put(host, 0);
                }
                if (runs.containsKey(host) && delta.answerChunks() > chunks.getOrDefault(host, 0)) {
                    chunks.put(host, delta.answerChunks());
                    System.out.println("ANSWER " + host + " " + runs.get(host) + " " + delta.answerChunks());
                }
            });
            System.out.flush();
            Thread.sleep(50); // a viewer's poll interval; this JVM's only job besides the app
        }
    }
}
