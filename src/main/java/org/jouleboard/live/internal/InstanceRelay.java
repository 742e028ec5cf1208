package org.jouleboard.live.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jouleboard.base.SystemRole;
import org.jouleboard.experiment.RunLifecycle;
import org.jouleboard.live.LiveFlusher;
import org.jouleboard.live.RunEndedElsewhere;
import org.jouleboard.power.PowerMonitor;
import org.jouleboard.power.PowerSample;
import org.jouleboard.power.PowerSubscription;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several instances on one PostgreSQL database: whichever instance runs a host's worker publishes that host's
 * live run and power samples (from the run's start until another instance starts one on the host) to the others through PostgreSQL's LISTEN/NOTIFY (no broker), and each instance puts what the others
 * publish into its own {@link LiveFeed}, where viewers read it as if the run were local. An instance that starts
 * (or reconnects) asks the others to repeat their runs in progress, so its viewers get each run so far; an
 * instance that receives text of a run it does not know asks for that host's run again. A relayed run that
 * falls silent is looked up in the database every few seconds and shown ended once its record says so (its
 * instance died or lost its connection before the end arrived). On H2 (one instance) nothing here runs.
 *
 * <p>Sending: every {@link LiveFlusher#PERIOD} one thread reads what is new in each run this instance's workers
 * started, as a viewer of the feed would, and sends it as one or more notifications (each under PostgreSQL's
 * 8,000-byte limit) through the connection pool. Notifications from one thread commit one after the other, and
 * PostgreSQL delivers them in commit order. Receiving: one dedicated connection (not the pool's) waits in
 * {@link PGConnection#getNotifications(int)}.
 */
@Component
public class InstanceRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceRelay.class);
    static final String CHANNEL = "jouleboard_live";
    /** How long the receiving connection waits for notifications before it looks whether it should stop. */
    private static final int WAIT_MILLIS = 500;
    /** A host's run is asked for again at most this often. */
    private static final long SYNC_PAUSE_NANOS = 1_000_000_000L;

    private final LiveFeed feed;
    private final PowerMonitor power;
    private final RunLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final boolean enabled;
    private final String url;
    private final String username;
    private final String password;
    private final String self = UUID.randomUUID().toString().substring(0, 8);
    private final RelayMessage.EpochNanos clock = RelayMessage.EpochNanos.now();
    /** The runs this instance's workers started, by host, with what has been sent of each. */
    private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();

    private final Map<String, Long> syncAsked = new ConcurrentHashMap<>();
    /** Runs of other instances this instance shows and has not seen end, by host, with when last heard of. */
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    /** A relayed run silent this long is looked up in the database: its instance may have died. */
    static final long SILENT_NANOS = 3_000_000_000L;

    private long silentLook;

    private record Heard(long runId, long atNanos) {}

    private @Nullable ScheduledExecutorService sender;
    private @Nullable Thread receiver;
    private volatile boolean running;

    InstanceRelay(
            LiveFeed feed,
            PowerMonitor power,
            RunLifecycle lifecycle,
            ApplicationEventPublisher events,
            JdbcTemplate jdbc,
            JsonMapper json,
            @Value("${spring.datasource.url:}") String url,
            @Value("${spring.datasource.username:}") String username,
            @Value("${spring.datasource.password:}") String password,
            @Value("${jouleboard.live.relay:true}") boolean relay) {
        this.feed = feed;
        this.power = power;
        this.lifecycle = lifecycle;
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.url = url;
        this.username = username;
        this.password = password;
        this.enabled = relay && url.startsWith("jdbc:postgresql:");
    }

    /** Whether this instance relays (PostgreSQL); on H2 it never does. */
    public boolean enabled() {
        return enabled;
    }

    /** How many hosts' runs this instance publishes now. */
    public int publishing() {
        return outgoing.size();
    }

    /** Called where the worker hands a run to the feed, right after {@link LiveFeed#started}. */
    public void started(String hostName, long runId) {
        if (enabled) {
            PowerSubscription samples;
            try {
                samples = power.subscribe(hostName);
            } catch (IllegalArgumentException removed) {
                samples = null;
            }
            Outgoing before = outgoing.put(hostName, new Outgoing(runId, samples));
            if (before != null) {
                before.close();
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!enabled) {
            return;
        }
        sender = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("live-relay-out").factory());
        sender.scheduleWithFixedDelay(
                this::sendSafely, LiveFlusher.PERIOD.toMillis(), LiveFlusher.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        receiver = Thread.ofPlatform().daemon().name("live-relay-in").start(this::receive);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (sender != null) {
            sender.shutdownNow();
        }
        outgoing.forEach(this::drop);
        if (receiver != null) {
            receiver.interrupt();
            try {
                receiver.join(2 * WAIT_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** What one run of this instance has sent; only the sending thread touches the offsets. */
    private static final class Outgoing {
        final long runId;
        final @Nullable PowerSubscription samples;
        LiveRun.Offsets sent = new LiveRun.Offsets();
        boolean startSent;
        /** Set by the receiving thread when another instance asks for this run again. */
        volatile boolean repeat;

        Outgoing(long runId, @Nullable PowerSubscription samples) {
            this.runId = runId;
            this.samples = samples;
        }

        List<PowerSample> newSamples() {
            return samples == null ? List.of() : samples.poll();
        }

        void close() {
            if (samples != null) {
                samples.close();
            }
        }
    }

    private void sendSafely() {
        try {
            send();
            long now = System.nanoTime();
            if (now - silentLook > SILENT_NANOS) {
                silentLook = now;
                asSystem(this::endSilentRuns);
            }
        } catch (RuntimeException e) {
            log.warn("Live relay: could not publish to the other instances: {}", e.toString());
        }
    }

    /** Relayed runs not heard of for a while end here when their stored record has ended. */
    private void endSilentRuns() {
        long now = System.nanoTime();
        heard.forEach((host, last) -> {
            if (now - last.atNanos() < SILENT_NANOS) {
                return;
            }
            LiveRun run = feed.run(host);
            if (run == null || run.header.runId() != last.runId() || run.isFinished()) {
                heard.remove(host, last);
                return;
            }
            lifecycle
                    .recorded(last.runId())
                    .filter(view -> view.status().ended())
                    .ifPresentOrElse(
                            view -> {
                                feed.relayedFinish(run, view);
                                heard.remove(host, last);
                                events.publishEvent(new RunEndedElsewhere(last.runId(), host));
                            },
                            () -> heard.replace(host, last, new Heard(last.runId(), now)));
        });
    }

    private static void asSystem(Runnable work) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SystemRole.authentication("live-relay"));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void send() {
        for (Map.Entry<String, Outgoing> entry : outgoing.entrySet()) {
            String host = entry.getKey();
            Outgoing out = entry.getValue();
            LiveRun run = feed.run(host);
            if (run == null || run.header.runId() != out.runId) {
                drop(host, out); // another instance runs this host now
                continue;
            }
            if (out.repeat) {
                out.repeat = false;
                out.sent = new LiveRun.Offsets();
                out.startSent = false;
            }
            int thinkingFrom = out.sent.thinking;
            int answerFrom = out.sent.answer;
            boolean isNew = !out.startSent;
            LiveDelta delta = run.since(out.sent, isNew);
            if (isNew) {
                notify(json.writeValueAsString(RelayMessage.start(self, run.header, clock)));
                out.startSent = true;
            }
            if (!delta.thinking().isEmpty() || !delta.answer().isEmpty() || delta.phase() != null) {
                for (String payload :
                        RelayMessage.text(self, host, out.runId, thinkingFrom, answerFrom, delta, clock, json)) {
                    notify(payload);
                }
            }
            if (delta.finished() != null) {
                notify(json.writeValueAsString(RelayMessage.end(self, host, out.runId)));
            }
            for (String payload : RelayMessage.power(self, host, out.runId, out.newSamples(), clock, json)) {
                notify(payload);
            }
        }
    }

    private void drop(String host, Outgoing out) {
        if (outgoing.remove(host, out)) {
            out.close();
        }
    }

    private void notify(String payload) {
        jdbc.queryForObject("select pg_notify(?, ?)", Object.class, CHANNEL, payload);
    }

    private void receive() {
        // This thread works for Jouleboard itself: it reads runs as stored, text included, for the feed.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SystemRole.authentication("live-relay"));
        SecurityContextHolder.setContext(context);
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, username, password)) {
                try (Statement sql = connection.createStatement()) {
                    sql.execute("listen " + CHANNEL);
                }
                // Listening from here on: whatever the others send next arrives, and they repeat what came before.
                notify(json.writeValueAsString(RelayMessage.sync(self, null)));
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            handleSafely(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn(
                            "Live relay: lost the connection that listens to the other instances ({}); reconnecting",
                            e.toString());
                    pause();
                }
            }
        }
    }

    private void handleSafely(String payload) {
        try {
            handle(json.readValue(payload, RelayMessage.class));
        } catch (RuntimeException e) {
            log.warn("Live relay: could not apply a message from another instance: {}", e.toString());
        }
    }

    void handle(RelayMessage message) {
        if (self.equals(message.from())) {
            return;
        }
        switch (message.kind()) {
            case SYNC ->
                outgoing.forEach((host, out) -> {
                    if (message.host() == null || message.host().equals(host)) {
                        out.repeat = true;
                    }
                });
            case START -> {
                Outgoing mine = outgoing.get(message.hostName());
                if (mine != null && mine.runId != message.runId()) {
                    drop(message.hostName(), mine);
                }
                heard.put(message.hostName(), new Heard(message.runId(), System.nanoTime()));
                lifecycle
                        .recorded(message.runId())
                        .ifPresent(view -> feed.relayedStart(new RunHeader(
                                view.id(),
                                view.owner(),
                                view.hostName(),
                                view.modelName(),
                                view.prompt(),
                                view.simulated(),
                                clock.toLocal(message.required(message.startedAt(), "startedAt")),
                                message.required(message.experiment(), "experiment"),
                                message.required(message.runNumber(), "runNumber"),
                                message.required(message.experimentRuns(), "experimentRuns"))));
            }
            case TEXT -> {
                LiveRun run = feed.run(message.hostName());
                boolean applied = run != null
                        && run.header.runId() == message.runId()
                        && run.relayed(
                                message.required(message.thinkingFrom(), "thinkingFrom"),
                                message.required(message.thinking(), "thinking"),
                                message.required(message.answerFrom(), "answerFrom"),
                                message.required(message.answer(), "answer"),
                                message.required(message.thinkingChunks(), "thinkingChunks"),
                                message.required(message.answerChunks(), "answerChunks"),
                                clock.toLocal(message.required(message.firstTokenAt(), "firstTokenAt")),
                                clock.toLocal(message.required(message.firstAnswerAt(), "firstAnswerAt")),
                                message.phase());
                if (applied) {
                    heard.computeIfPresent(
                            message.hostName(),
                            (host, last) -> last.runId() == message.runId()
                                    ? new Heard(last.runId(), System.nanoTime())
                                    : last);
                } else {
                    askAgain(message.hostName());
                }
            }
            case POWER -> {
                if (!outgoing.containsKey(message.hostName())) { // never this instance's own samples back
                    power.relayed(message.hostName(), message.samples(clock));
                    heard.computeIfPresent(
                            message.hostName(),
                            (host, last) -> last.runId() == message.runId()
                                    ? new Heard(last.runId(), System.nanoTime())
                                    : last);
                }
            }
            case END -> {
                heard.computeIfPresent(
                        message.hostName(), (host, last) -> last.runId() == message.runId() ? null : last);
                LiveRun run = feed.run(message.hostName());
                if (run != null && run.header.runId() == message.runId() && !run.isFinished()) {
                    lifecycle.recorded(message.runId()).ifPresent(view -> feed.relayedFinish(run, view));
                }
                events.publishEvent(new RunEndedElsewhere(message.runId(), message.hostName()));
            }
        }
    }

    /** Text came for a run this instance does not have (whole): ask its instance to repeat it. */
    private void askAgain(String host) {
        long now = System.nanoTime();
        Long last = syncAsked.get(host);
        if (last == null || now - last > SYNC_PAUSE_NANOS) {
            syncAsked.put(host, now);
            notify(json.writeValueAsString(RelayMessage.sync(self, host)));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
