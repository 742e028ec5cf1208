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
import java.util.stream.Collectors;
import org.jouleboard.JouleboardApplication;
import org.jouleboard.PostgresServer;
import org.jouleboard.TestUsers;
import org.jouleboard.browser.Browser;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.run.RunStatus;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.live.internal.LiveDelta;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.live.internal.LiveSubscription;
import org.jouleboard.queue.CancelOutcome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two instances on one PostgreSQL database, each host with one worker across both: instance A (a JVM of its own)
 * runs both simulated hosts, instance B (in this JVM) stands by. A is killed ({@code kill -9}) in the middle of
 * an answer on each host; B takes both hosts over, marks the two interrupted runs INTERRUPTED and queues each once
 * more, and runs everything that was waiting: each prompt ends with exactly one finished run, none lost, none
 * twice, and B's live feed (what its Live page shows) carries the text of the runs B answers now. Before that, B
 * started next to A without touching A's runs, and a cancel asked on B stopped a run A was answering. Prints the
 * take-over times (README, Two or more instances).
 */
class FailoverPostgresTest {

    private static final List<String> HOSTS = List.of("sim-a", "sim-b");
    /**
     * Enough that A, answering slowly, still has runs to do once B has started (which may take a minute on a busy
     * machine); B then answers the rest fast.
     */
    private static final int PROMPTS = 12;

    private static final String ADMIN_PASSWORD = "failover admin secret";

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
        } catch (Throwable e) {
            synchronized (output) {
                System.out.println("Instance A's output, its last lines:\n"
                        + String.join("\n", output.subList(Math.max(0, output.size() - 80), output.size())));
            }
            throw e;
        } finally {
            first.destroyForcibly();
            SecurityContextHolder.setContextHolderStrategy(shared);
        }
    }

    private void killMidAnswer(Process first) throws Exception {
        Map<String, Long> experimentIds = new HashMap<>();
        await("instance A runs a run on each host")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .failFast("instance A ended: " + output, () -> !first.isAlive())
                .until(() -> {
                    experimentIds.putAll(experiments());
                    return hostLocksHeld() == HOSTS.size()
                            && experimentIds.size() == HOSTS.size()
                            && HOSTS.stream().allMatch(host -> running(host, -1));
                });
        try (ConfigurableApplicationContext second = start(200)) {
            int interruptedAtStart = query("select count(*) from run where status = 'INTERRUPTED'", r -> r.getInt(1));
            assertThat(interruptedAtStart)
                    .as("B started next to A without touching the runs A is running")
                    .isZero();
            ExperimentService experiments = second.getBean(ExperimentService.class);
            ChromeDriver browser = liveOn(second);

            // A cancel asked on B of a run A is answering: A's worker hears of it through the database.
            long[] early = new long[1];
            await("A has just begun answering on " + HOSTS.getFirst())
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .failFast("instance A ended: " + output, () -> !first.isAlive())
                    .until(() -> {
                        List<long[]> answers = answers(HOSTS.getFirst());
                        early[0] = answers.isEmpty() ? -1 : answers.getLast()[0];
                        return !answers.isEmpty() && answers.getLast()[1] <= 5 && status(early[0]) == RunStatus.RUNNING;
                    });
            long cancelled = early[0];
            assertThat(TestUsers.asAdmin(() -> experiments.cancel(cancelled))).isEqualTo(CancelOutcome.STOP_REQUESTED);
            long asked = System.nanoTime();
            await("A stops the run cancelled on B")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> status(cancelled) == RunStatus.CANCELLED);
            Duration cancelTook = since(asked);

            // Each host has finished a run on A and is answering the next one there.
            Map<String, Long> answering = new HashMap<>();
            await("A finished a run on each host and answers the next")
                    .atMost(Duration.ofSeconds(90))
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
                            List<Long> before = answers.stream()
                                    .map(a -> a[0])
                                    .filter(id -> id != current)
                                    .distinct()
                                    .toList();
                            if (before.isEmpty()
                                    || !before.stream()
                                            .allMatch(id -> status(id).ended())
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

            await("B holds both hosts")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> hostLocksHeld() == HOSTS.size());
            Duration locked = since(killed);
            await("the runs A was answering are interrupted")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> answering.values().stream().allMatch(id -> status(id) == RunStatus.INTERRUPTED));
            Duration interrupted = since(killed);
            await("B runs a run on each host")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> HOSTS.stream().allMatch(host -> running(host, answering.get(host))));
            Duration resumed = since(killed);
            System.out.printf(
                    "Failover on PostgreSQL: host locks taken %d ms, runs interrupted %d ms, next runs"
                            + " running %d ms after kill -9; a cancel asked on the other instance took %d ms%n",
                    locked.toMillis(), interrupted.toMillis(), resumed.toMillis(), cancelTook.toMillis());
            assertThat(resumed).as("take-over time").isLessThan(Duration.ofSeconds(10));

            // What B's Live page shows: the runs of both hosts, answered on B now, text included.
            for (String host : HOSTS) {
                LiveSubscription live =
                        TestUsers.asAdmin(() -> second.getBean(LiveFeed.class).follow(host));
                long[] run = {-1};
                StringBuilder text = new StringBuilder();
                await("B's live feed shows " + host + "'s answer")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            LiveDelta delta = live.poll();
                            if (delta.header() != null) {
                                run[0] = delta.header().runId();
                                text.setLength(0);
                            }
                            text.append(delta.answer());
                            return run[0] > answering.get(host)
                                    && text.toString().contains("[SIMULATED]");
                        });
                // The browser opened on B before the kill shows B's runs of this host, live, without a reload (B
                // answers fast: by now the page may show a later run than the feed above saw).
                long cut = answering.get(host);
                long experimentId = experimentIds.get(host);
                shows(
                        browser,
                        () -> TestUsers.asAdmin(() -> experiments.runsOf(experimentId)).stream()
                                .map(RunView::id)
                                .filter(id -> id > cut)
                                .toList());
            }
            browser.quit();

            for (String host : HOSTS) {
                long experimentId = experimentIds.get(host);
                List<RunView> runs = TestUsers.asAdmin(() -> {
                    await().pollInSameThread()
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> experiments.runsOf(experimentId).stream()
                                    .allMatch(r -> r.status().ended()));
                    return experiments.runsOf(experimentId);
                });
                assertThat(runs)
                        .as("every prompt once, plus one retry of the interrupted run")
                        .hasSize(PROMPTS + 1);
                RunView cut = runs.stream()
                        .filter(r -> r.id() == answering.get(host))
                        .findFirst()
                        .orElseThrow();
                assertThat(cut.status()).isEqualTo(RunStatus.INTERRUPTED);
                assertThat(cut.attempt()).isEqualTo(1);
                assertThat(cut.errorMessage()).contains("stopped while this run was in progress", "queued again");
                assertThat(runs)
                        .filteredOn(r -> r.prompt().equals(cut.prompt()) && r.attempt() == 2)
                        .singleElement()
                        .extracting(RunView::status)
                        .isEqualTo(RunStatus.FINISHED);
                Map<String, Long> finishedPerPrompt = runs.stream()
                        .filter(r -> r.status() == RunStatus.FINISHED)
                        .collect(Collectors.groupingBy(RunView::prompt, Collectors.counting()));
                List<Long> notFinished =
                        host.equals(HOSTS.getFirst()) ? List.of(cut.id(), cancelled) : List.of(cut.id());
                assertThat(runs)
                        .filteredOn(r -> r.status() != RunStatus.FINISHED)
                        .extracting(RunView::id)
                        .containsExactlyInAnyOrderElementsOf(notFinished);
                assertThat(finishedPerPrompt)
                        .as("each queued prompt finished exactly once, but the cancelled one")
                        .hasSize(host.equals(HOSTS.getFirst()) ? PROMPTS - 1 : PROMPTS)
                        .allSatisfy((prompt, count) -> assertThat(count).isEqualTo(1L));
            }
        }
    }

    private Process startInstanceA() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx768m",
                "-Dspring.config.location=classpath:/",
                "-Dspring.profiles.active=test",
                "-cp",
                System.getProperty("java.class.path"),
                FailoverInstance.class.getName(),
                String.valueOf(PROMPTS)));
        command.addAll(arguments(6));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().name("instance-a-output").start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
                "--jouleboard.worker.idle-poll=200ms",
                "--jouleboard.admin.password=" + ADMIN_PASSWORD));
        for (int i = 0; i < HOSTS.size(); i++) {
            args.add("--jouleboard.hosts[" + i + "].name=" + HOSTS.get(i));
            args.add("--jouleboard.hosts[" + i + "].simulated=true");
            args.add("--jouleboard.hosts[" + i + "].power.source=simulated");
        }
        return args;
    }

    /** Waits until the page shows one of the runs and answer text; quits the browser if it never does. */
    private static void shows(ChromeDriver browser, java.util.function.Supplier<List<Long>> runs) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .withMessage(() -> "B's Live page in the browser: "
                            + browser.findElement(By.tagName("body")).getText())
                    .until(d -> {
                        String page = d.findElement(By.tagName("body")).getText();
                        return page.contains("[SIMULATED]")
                                && runs.get().stream().anyMatch(id -> page.contains("Run " + id + " "));
                    });
        } catch (RuntimeException e) {
            browser.quit();
            throw e;
        }
    }

    /** A real Chromium signed in on B's Live page, which follows every host. */
    private static ChromeDriver liveOn(ConfigurableApplicationContext instance) throws Exception {
        String base = "http://localhost:" + instance.getEnvironment().getProperty("local.server.port");
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(base + "/");
            WebElement user = wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
            user.sendKeys("admin");
            browser.findElement(By.cssSelector("input[name='password']")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains(HOSTS.getFirst()));
            return browser;
        } catch (RuntimeException e) {
            browser.quit();
            throw e;
        }
    }

    /** The experiment A submitted on each host, by host. */
    private Map<String, Long> experiments() {
        Map<String, Long> ids = new HashMap<>();
        synchronized (output) {
            for (String line : output) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("EXPERIMENT")) {
                    ids.put(parts[1], Long.parseLong(parts[2]));
                }
            }
        }
        return ids;
    }

    /** What A streamed on the host: {run id, answer chunks so far}, in order. */
    private List<long[]> answers(String host) {
        List<long[]> answers = new ArrayList<>();
        synchronized (output) {
            for (String line : output) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("ANSWER") && parts[1].equals(host)) {
                    answers.add(new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])});
                }
            }
        }
        return answers;
    }

    /** How many host locks this database's sessions hold (advisory locks are per database). */
    private int hostLocksHeld() {
        return query(
                "select count(*) from pg_locks where locktype = 'advisory' and granted and objsubid = 2"
                        + " and database = (select oid from pg_database where datname = current_database())",
                result -> result.getInt(1));
    }

    private RunStatus status(long runId) {
        return query("select status from run where id = " + runId, result -> RunStatus.valueOf(result.getString(1)));
    }

    /** Whether a run other than {@code except} is running on the host. */
    private boolean running(String host, long except) {
        return query(
                        "select count(*) from run where host_name = '" + host + "' and status = 'RUNNING' and id <> "
                                + except,
                        result -> result.getInt(1))
                == 1;
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
}
