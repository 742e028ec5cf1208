package org.jouleboard.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jouleboard.JouleboardApplication;
import org.jouleboard.PostgresServer;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.RunStatus;
import org.jouleboard.experiment.RunView;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two instances on one PostgreSQL database, each host with one worker across both: instance A (a JVM of its own)
 * runs both simulated hosts, instance B (in this JVM) stands by. A is killed ({@code kill -9}) in the middle of
 * an answer on each host; B takes both hosts over, marks the two interrupted runs INTERRUPTED and queues each once
 * more, and runs everything that was waiting: each prompt ends with exactly one finished run, none lost, none
 * twice. Prints the take-over times (README, Two or more instances).
 */
class FailoverPostgresTest {

    private static final List<String> HOSTS = List.of("sim-a", "sim-b");
    private static final int PROMPTS = 3;
    private static final String MODEL = "simulated-chat:3b";

    private final PostgresServer server = PostgresServer.shared();
    private final String url = server.newDatabase();
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theSurvivingInstanceTakesTheHostsOverWithinSecondsAndLosesNothing() throws Exception {
        // Each app installs its own security context holder strategy JVM-wide; put back the test contexts' one.
        SecurityContextHolderStrategy shared = SecurityContextHolder.getContextHolderStrategy();
        Process first = startInstanceA();
        try {
            killMidAnswer(first);
        } finally {
            first.destroyForcibly();
            SecurityContextHolder.setContextHolderStrategy(shared);
        }
    }

    private void killMidAnswer(Process first) throws Exception {
        await("instance A holds both hosts' locks").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .failFast("instance A ended: " + output, () -> !first.isAlive())
                .until(() -> hostLocksHeld() == HOSTS.size());
        try (ConfigurableApplicationContext second = start(40)) {
            ExperimentService experiments = second.getBean(ExperimentService.class);
            Map<String, Long> experimentIds = new HashMap<>();
            for (String host : HOSTS) {
                TestUsers.asAdmin(() -> second.getBean(ModelCatalog.class).sync(host));
                List<PromptInput> prompts = new ArrayList<>();
                for (int i = 1; i <= PROMPTS; i++) {
                    prompts.add(new PromptInput("Explain failover number " + i + " on " + host + ".", null));
                }
                experimentIds.put(host, asUser(() -> experiments.submit(new ExperimentRequest("failover " + host, host,
                        prompts, List.of(MODEL), 1, Think.OFF, 2000, null, null, null)).id()));
            }

            // Each host has finished a run on A and is answering the next one there.
            Map<String, Long> answering = new HashMap<>();
            await("A finished a run on each host and answers the next").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("instance A ended: " + output, () -> !first.isAlive())
                    .until(() -> {
                        answering.clear();
                        for (String host : HOSTS) {
                            List<long[]> answers = answers(host);
                            if (answers.isEmpty() || answers.getLast()[1] < 2) {
                                return false;
                            }
                            long current = answers.getLast()[0];
                            List<Long> before = answers.stream().map(a -> a[0]).filter(id -> id != current)
                                    .distinct().toList();
                            if (before.isEmpty() || !before.stream().allMatch(id -> status(id) == RunStatus.FINISHED)
                                    || status(current) != RunStatus.RUNNING) {
                                return false;
                            }
                            answering.put(host, current);
                        }
                        return true;
                    });

            first.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the database
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();

            await("B holds both hosts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> hostLocksHeld() == HOSTS.size());
            Duration locked = since(killed);
            await("the runs A was answering are interrupted").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> answering.values().stream().allMatch(id -> status(id) == RunStatus.INTERRUPTED));
            Duration interrupted = since(killed);
            await("B runs a run on each host").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> HOSTS.stream().allMatch(host -> runningAfterTakeOver(host, answering.get(host))));
            Duration resumed = since(killed);
            System.out.printf("Failover on PostgreSQL: host locks taken %d ms, runs interrupted %d ms, next runs"
                    + " running %d ms after kill -9%n", locked.toMillis(), interrupted.toMillis(), resumed.toMillis());
            assertThat(resumed).as("take-over time").isLessThan(Duration.ofSeconds(10));

            for (String host : HOSTS) {
                long experimentId = experimentIds.get(host);
                List<RunView> runs = asUser(() -> {
                    await().pollInSameThread().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                            .until(() -> experiments.runsOf(experimentId).stream().allMatch(r -> r.status().ended()));
                    return experiments.runsOf(experimentId);
                });
                assertThat(runs).as("every prompt once, plus one retry of the interrupted run").hasSize(PROMPTS + 1);
                RunView cut = runs.stream().filter(r -> r.id() == answering.get(host)).findFirst().orElseThrow();
                assertThat(cut.status()).isEqualTo(RunStatus.INTERRUPTED);
                assertThat(cut.attempt()).isEqualTo(1);
                assertThat(cut.errorMessage()).contains("stopped while this run was in progress", "queued again");
                assertThat(runs).filteredOn(r -> r.prompt().equals(cut.prompt()) && r.attempt() == 2).singleElement()
                        .extracting(RunView::status).isEqualTo(RunStatus.FINISHED);
                Map<String, Long> finishedPerPrompt = runs.stream().filter(r -> r.status() == RunStatus.FINISHED)
                        .collect(Collectors.groupingBy(RunView::prompt, Collectors.counting()));
                assertThat(finishedPerPrompt).as("each queued prompt finished exactly once").hasSize(PROMPTS)
                        .allSatisfy((prompt, count) -> assertThat(count).isEqualTo(1L));
                assertThat(runs).filteredOn(r -> r.status() != RunStatus.FINISHED).singleElement()
                        .extracting(RunView::id).isEqualTo(cut.id());
            }
        }
    }

    private Process startInstanceA() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx768m",
                "-Dspring.config.location=classpath:/", "-Dspring.profiles.active=test",
                "-cp", System.getProperty("java.class.path"), FailoverInstance.class.getName()));
        command.addAll(arguments(10));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().name("instance-a-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                output.add("(output ended: " + e.getMessage() + ")");
            }
        });
        return process;
    }

    private ConfigurableApplicationContext start(double tokensPerSecond) {
        return new SpringApplicationBuilder(JouleboardApplication.class)
                .run(arguments(tokensPerSecond).toArray(String[]::new));
    }

    /** The same database and hosts for both instances; A answers slowly, so that it can be killed mid-answer. */
    private List<String> arguments(double tokensPerSecond) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + server.password(),
                "--spring.datasource.hikari.minimum-idle=1",
                "--server.port=0",
                "--jouleboard.simulator.tokens-per-second=" + tokensPerSecond,
                "--jouleboard.simulator.load-time=100ms",
                "--jouleboard.simulator.prompt-eval-time=50ms",
                "--jouleboard.measurement.baseline=200ms",
                "--jouleboard.worker.idle-poll=200ms"));
        for (int i = 0; i < HOSTS.size(); i++) {
            args.add("--jouleboard.hosts[" + i + "].name=" + HOSTS.get(i));
            args.add("--jouleboard.hosts[" + i + "].simulated=true");
            args.add("--jouleboard.hosts[" + i + "].power.source=simulated");
        }
        return args;
    }

    /** What A streamed on the host: {run id, answer chunks so far}, in order. */
    private List<long[]> answers(String host) {
        List<long[]> answers = new ArrayList<>();
        synchronized (output) {
            for (String line : output) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("ANSWER") && parts[1].equals(host)) {
                    answers.add(new long[] { Long.parseLong(parts[2]), Long.parseLong(parts[3]) });
                }
            }
        }
        return answers;
    }

    /** How many host locks this database's sessions hold (advisory locks are per database). */
    private int hostLocksHeld() {
        return query("select count(*) from pg_locks where locktype = 'advisory' and granted and objsubid = 2"
                + " and database = (select oid from pg_database where datname = current_database())",
                result -> result.getInt(1));
    }

    private RunStatus status(long runId) {
        return query("select status from run where id = " + runId, result -> RunStatus.valueOf(result.getString(1)));
    }

    /** A run of the host started after the take-over (a retry, or the next one waiting). */
    private boolean runningAfterTakeOver(String host, long interrupted) {
        return query("select count(*) from run where host_name = '" + host + "' and status = 'RUNNING' and id <> "
                + interrupted, result -> result.getInt(1)) == 1;
    }

    private interface Read<T> {
        T from(ResultSet result) throws SQLException;
    }

    private <T> T query(String sql, Read<T> read) {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, server.password());
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return read.from(result);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static <T> T asUser(Supplier<T> action) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "failover-user", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
