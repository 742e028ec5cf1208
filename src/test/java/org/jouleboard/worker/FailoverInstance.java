package org.jouleboard.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jouleboard.JouleboardApplication;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.host.GpuHost;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.Think;
import org.jouleboard.live.internal.LiveDelta;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.live.internal.LiveSubscription;
import org.jouleboard.model.ModelCatalog;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole app in a JVM of its own, as {@link FailoverPostgresTest} starts it to kill it. Once started it submits
 * one experiment per host ({@code PROMPTS} prompts, first argument), prints {@code EXPERIMENT <host> <id>}, then
 * {@code ANSWER <host> <run id> <answer chunks so far>} each time a host's running answer grows on this instance,
 * read from its live feed as a viewer would, so that the test can kill it in the middle of an answer.
 */
public final class FailoverInstance {

    static final String MODEL = "simulated-chat:3b";

    public static void main(String[] args) throws InterruptedException {
        int prompts = Integer.parseInt(args[0]);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(JouleboardApplication.class)
                .run(java.util.Arrays.copyOfRange(args, 1, args.length));
        for (GpuHost host : app.getBean(HostService.class).hosts()) {
            TestUsers.asAdmin(() -> app.getBean(ModelCatalog.class).sync(host.name()));
            List<PromptInput> inputs = new ArrayList<>();
            for (int i = 1; i <= prompts; i++) {
                inputs.add(new PromptInput("Explain failover number " + i + " on " + host.name() + ".", null));
            }
            long id = TestUsers.asAdmin(() -> app.getBean(ExperimentService.class)
                    .submit(new ExperimentRequest(
                            "failover " + host.name(),
                            host.name(),
                            inputs,
                            List.of(MODEL),
                            1,
                            Think.OFF,
                            2000,
                            null,
                            null,
                            null))
                    .id());
            System.out.println("EXPERIMENT " + host.name() + " " + id);
        }
        LiveFeed feed = app.getBean(LiveFeed.class);
        Map<String, LiveSubscription> follows = new HashMap<>();
        for (GpuHost host : app.getBean(HostService.class).hosts()) {
            follows.put(host.name(), feed.follow(host.name()));
        }
        Map<String, Long> runs = new HashMap<>();
        Map<String, Integer> chunks = new HashMap<>();
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
