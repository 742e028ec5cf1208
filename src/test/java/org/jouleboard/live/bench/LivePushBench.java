package org.jouleboard.live.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jouleboard.JouleboardApplication;
import org.jouleboard.TestUsers;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunTicket;
import org.jouleboard.inference.AnswerEvent;
import org.jouleboard.inference.Think;
import org.jouleboard.live.internal.LiveFeed;
import org.jouleboard.model.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Chunk-arrival-at-server to text-in-DOM latency on the Live page, with 1 and 5 real Chromium viewers, while
 * the simulated Ollama streams 50 chunks per second. The server notes the wall clock and the thinking text's
 * length as each chunk arrives; each browser notes when its thinking pane reached that length (same machine,
 * same clock). Also the server's CPU per second of streaming. Run by name; see README, Performance.
 */
class LivePushBench {

    private static final String PASSWORD = "bench admin secret";

    @Test
    void latencyWithOneAndFiveViewers() throws Exception {
        for (String viewers : System.getProperty("bench.viewers", "1,5").split(",")) {
            measure(Integer.parseInt(viewers.strip()));
        }
    }

    private static final boolean PRODUCTION = Boolean.parseBoolean(System.getProperty("bench.production", "true"));

    private void measure(int viewers) throws Exception {
        if (PRODUCTION && getClass().getResource("/META-INF/VAADIN/webapp/index.html") == null) {
            throw new AssertionError("No production frontend bundle: run ./mvnw -o -q -DskipTests -DskipAot=true"
                    + " package first (or -Dbench.production=false for development mode).");
        }
        Path db = Files.createTempDirectory("jouleboard-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(
                        JouleboardApplication.class, RecordingFeedConfig.class)
                .run(
                        "--server.port=0",
                        "--jouleboard.admin.password=" + PASSWORD,
                        "--spring.datasource.url=jdbc:h2:file:" + db.resolve("db"),
                        "--jouleboard.simulator.tokens-per-second=50",
                        "--jouleboard.simulator.load-time=200ms",
                        "--jouleboard.measurement.baseline=500ms",
                        // The pages as the packaged app serves them, by default; -Dbench.production=false measures
                        // development mode (Vaadin's dev tools load in each browser), as this bench ran before.
                        "--vaadin.productionMode=" + PRODUCTION)) {
            int port = Integer.parseInt(app.getBean(Environment.class).getProperty("local.server.port"));
            TestUsers.asAdmin(() -> app.getBean(ModelCatalog.class).sync("simulator"));
            List<ChromeDriver> browsers = new ArrayList<>();
            try {
                for (int i = 0; i < viewers; i++) {
                    browsers.add(openLivePage(port));
                }
                RecordingFeed feed = app.getBean(RecordingFeed.class);
                feed.arrivals.clear();
                long cpuBefore = processCpuNanos();
                long chromiumBefore = chromiumCpuNanos();
                List<Map<String, Double>> pagesBefore =
                        browsers.stream().map(LivePushBench::pageMetrics).toList();
                long wallBefore = System.nanoTime();
                boolean profile = Boolean.getBoolean("bench.profile");
                if (profile) {
                    browsers.getFirst().executeCdpCommand("Profiler.enable", Map.of());
                    browsers.getFirst().executeCdpCommand("Profiler.start", Map.of());
                }
                for (int run = 0; run < 3; run++) {
                    runOneAnswer(app);
                }
                if (profile) {
                    printProfile(browsers.getFirst().executeCdpCommand("Profiler.stop", Map.of()));
                }
                long wall = System.nanoTime() - wallBefore;
                double cpuShare = (processCpuNanos() - cpuBefore) / (double) wall;
                double chromiumShare = (chromiumCpuNanos() - chromiumBefore) / (double) wall / viewers;
                Map<String, Double> pageCost = new TreeMap<>();
                for (int i = 0; i < viewers; i++) {
                    Map<String, Double> after = pageMetrics(browsers.get(i));
                    Map<String, Double> before = pagesBefore.get(i);
                    after.forEach((name, value) -> pageCost.merge(
                            name, (value - before.getOrDefault(name, 0.0)) / (wall / 1e9) / viewers, Double::sum));
                }
                System.out.println(String.format(
                        Locale.ROOT,
                        "BENCH-BROWSER viewers=%d chromium-cpu=%.1f%% of a core per viewer (all its processes);"
                                + " per viewer and second of streaming: main-thread tasks %.0f ms, script %.0f ms,"
                                + " layout %.0f ms (%.1f layouts), style %.0f ms (%.1f recalcs)",
                        viewers,
                        chromiumShare * 100,
                        pageCost.get("TaskDuration") * 1000,
                        pageCost.get("ScriptDuration") * 1000,
                        pageCost.get("LayoutDuration") * 1000,
                        pageCost.get("LayoutCount"),
                        pageCost.get("RecalcStyleDuration") * 1000,
                        pageCost.get("RecalcStyleCount")));
                List<Long> latencies = new ArrayList<>();
                for (ChromeDriver browser : browsers) {
                    latencies.addAll(latencies(feed.arrivals, browserLog(browser)));
                }
                report(viewers, latencies, cpuShare, (int)
                        feed.arrivals.stream().filter(a -> a[1] >= 0).count());
            } finally {
                browsers.forEach(ChromeDriver::quit);
            }
        }
    }

    private static void runOneAnswer(ConfigurableApplicationContext app) throws InterruptedException {
        ExperimentService experiments = app.getBean(ExperimentService.class);
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            long id = experiments
                    .submit(new ExperimentRequest(
                            "bench",
                            "simulator",
                            List.of(new PromptInput("Think about latency.", null)),
                            List.of("simulated-reasoner:8b"),
                            1,
                            Think.ON,
                            600,
                            null,
                            1,
                            null))
                    .id();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!experiments.runsOf(id).getFirst().status().ended() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static ChromeDriver openLivePage(int port) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("bench-chromium"));
        ChromeDriver driver = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get("http://localhost:" + port + "/login");
        wait.until(d -> d.findElement(By.cssSelector("input[name='username']"))).sendKeys("admin");
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys(PASSWORD, Keys.ENTER);
        wait.until(d -> d.findElement(By.cssSelector(".run-panel")));
        // The thinking pane appears only when a run starts: watch the whole page and note each new length.
        driver.executeCdpCommand("Performance.enable", Map.of());
        ((JavascriptExecutor) driver).executeScript("""
                window.__log = [];
                let last = -1;
                new MutationObserver(() => {
                    const el = document.querySelector('.thinking-text');
                    const length = el ? el.textContent.length : 0;
                    if (length !== last) { last = length; window.__log.push([Date.now(), length]); }
                }).observe(document.body, {subtree: true, childList: true, characterData: true});
                """);
        return driver;
    }

    /** The first page's JavaScript by self time (sampled), top 25: where its script time goes. */
    @SuppressWarnings("unchecked")
    private static void printProfile(Map<String, Object> result) {
        Map<String, Object> profile = (Map<String, Object>) result.get("profile");
        Map<String, Long> self = new TreeMap<>();
        long total = 0;
        for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
            Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
            long hits = ((Number) node.getOrDefault("hitCount", 0)).longValue();
            String url = String.valueOf(frame.get("url"));
            String name = frame.get("functionName") + " " + url.substring(url.lastIndexOf('/') + 1) + ":"
                    + frame.get("lineNumber");
            self.merge(name, hits, Long::sum);
            total += hits;
        }
        long all = total;
        self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.println(String.format(
                        Locale.ROOT, "BENCH-PROFILE %5.1f%% %s", 100.0 * e.getValue() / all, e.getKey())));
    }

    /** The page's main-thread counters (seconds and counts, cumulative) as Chromium's DevTools reports them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> pageMetrics(ChromeDriver driver) {
        Map<String, Object> result = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Double> metrics = new TreeMap<>();
        for (Map<String, Object> metric : (List<Map<String, Object>>) result.get("metrics")) {
            metrics.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
        }
        return metrics;
    }

    /**
     * CPU time of every Chromium process this bench started (browser, renderers, GPU and utility processes): they
     * descend from this JVM through chromedriver.
     */
    private static long chromiumCpuNanos() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false))
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    @SuppressWarnings("unchecked")
    private static List<long[]> browserLog(ChromeDriver driver) {
        List<List<Number>> raw =
                (List<List<Number>>) ((JavascriptExecutor) driver).executeScript("return window.__log");
        return raw.stream()
                .map(e -> new long[] {e.get(0).longValue(), e.get(1).longValue()})
                .toList();
    }

    /**
     * For each chunk: when did this browser first show at least the text the server had after it? A marker
     * (length -1) starts a new run, whose text starts again from nothing.
     */
    static List<Long> latencies(List<long[]> arrivals, List<long[]> shown) {
        List<Long> result = new ArrayList<>();
        int j = 0;
        for (long[] arrival : arrivals) {
            if (arrival[1] < 0) {
                while (j < shown.size() && shown.get(j)[0] < arrival[0]) {
                    j++;
                }
                continue;
            }
            while (j < shown.size() && shown.get(j)[1] < arrival[1]) {
                j++;
            }
            if (j == shown.size()) {
                break;
            }
            result.add(shown.get(j)[0] - arrival[0]);
        }
        return result;
    }

    private static void report(int viewers, List<Long> latencies, double cpuShare, int chunks) {
        List<Long> sorted = latencies.stream().sorted().toList();
        if (sorted.isEmpty()) {
            System.out.println("BENCH viewers=" + viewers + " no latencies measured (chunks=" + chunks + ")");
            return;
        }
        System.out.println(String.format(
                Locale.ROOT,
                "BENCH viewers=%d chunks=%d samples=%d p50=%d ms p99=%d ms max=%d ms server-cpu=%.1f%% of a core",
                viewers,
                chunks,
                sorted.size(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.getLast(),
                cpuShare * 100));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The app's feed, noting when each thinking chunk reached the server and the text length after it. */
    static class RecordingFeed extends LiveFeed {
        final List<long[]> arrivals = new CopyOnWriteArrayList<>();
        private long thinkingLength;

        RecordingFeed(org.jouleboard.base.RunPrivacy privacy) {
            super(privacy);
        }

        @Override
        public void started(RunTicket ticket) {
            thinkingLength = 0;
            arrivals.add(new long[] {System.currentTimeMillis(), -1});
            super.started(ticket);
        }

        @Override
        public void event(RunTicket ticket, AnswerEvent event) {
            if (event instanceof AnswerEvent.ThinkingChunk chunk) {
                thinkingLength += chunk.text().length();
                arrivals.add(new long[] {System.currentTimeMillis(), thinkingLength});
            }
            super.event(ticket, event);
        }
    }

    @Configuration
    static class RecordingFeedConfig {
        @Bean
        @Primary
        RecordingFeed recordingFeed(org.jouleboard.base.RunPrivacy privacy) {
            return new RecordingFeed(privacy);
        }
    }
}
