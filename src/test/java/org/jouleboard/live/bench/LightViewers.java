package org.jouleboard.live.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Live page viewers without a browser, for {@link LiveViewersBench}: each logs in through the form, asks for
 * a UI like Vaadin's client does ({@code v-r=init}), navigates it to the Live route, holds the Atmosphere
 * WebSocket that Vaadin pushes over and sends Vaadin's heartbeat. It parses nothing it receives beyond
 * Atmosphere's length prefixes: it counts messages, characters and thinking-text appends.
 * <p>
 * Runs in its own JVM (JDK classes only) so that the server's process CPU and heap are the server's alone.
 * Commands on standard input, one answer line each on standard output: {@code open N} (N more viewers),
 * {@code stats} (counts since the last stats), {@code close} (unload every UI, as a closing tab does).
 */
public final class LightViewers {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern PUSH_ID = Pattern.compile("\"Vaadin-Push-ID\":\"([^\"]+)\"");
    private static final Pattern HEARTBEAT = Pattern.compile("\"heartbeatInterval\":(\\d+)");
    /** What a browser sends with {@code v-r=init}; the server reads these into WebBrowser. */
    private static final String BROWSER_DETAILS = "&v-sh=1080&v-sw=1920&v-wh=1000&v-ww=1900&v-bh=1000&v-bw=1900"
            + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-td=false&v-pr=1&v-np=Linux&v-cs=&v-tn=lumo"
            + "&v-ws=false";
    /** Atmosphere's own query parameters, as vaadinPush.js 4.0.1 builds them for the websocket transport. */
    private static final String ATMOSPHERE = "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1"
            + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
            + "&Content-Type=application%2Fjson%3B%20charset%3DUTF-8&X-atmo-protocol=true";

    private final String base;
    /** Where the push WebSockets connect: the server, or a {@link FrameTap} in front of it. */
    private final String pushBase;

    private final String username;
    private final String password;
    /** One client for all viewers: each viewer sends its own session cookie, so none share a session. */
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();

    LightViewers(int port, String username, String password) throws java.io.IOException {
        this.base = "localhost:" + port + "/";
        this.pushBase = Boolean.getBoolean("bench.tap") ? "localhost:" + new FrameTap(port).port() + "/" : base;
        this.username = username;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        LightViewers viewers = new LightViewers(Integer.parseInt(args[0]), args[1], args[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            try {
                String[] command = line.split(" ");
                System.out.println(
                        switch (command[0]) {
                            case "open" -> viewers.open(Integer.parseInt(command[1]));
                            case "stats" -> viewers.stats();
                            case "close" -> viewers.close();
                            default -> "error unknown command " + line;
                        });
            } catch (Exception e) {
                System.out.println("error " + e);
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /** Opens viewers a few at a time, as a crowd arriving would, not all at one instant. */
    private String open(int count) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<Viewer>> opening = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(this::openOne, pool))
                    .toList();
            for (CompletableFuture<Viewer> viewer : opening) {
                viewers.add(viewer.join());
            }
        }
        return "opened " + viewers.size();
    }

    /** Totals since the last call, and the fewest thinking appends any one viewer got. */
    private String stats() {
        long messages = 0;
        long chars = 0;
        long fewestAppends = Long.MAX_VALUE;
        int closed = 0;
        for (Viewer viewer : viewers) {
            messages += viewer.messages.getAndSet(0);
            chars += viewer.chars.getAndSet(0);
            fewestAppends = Math.min(fewestAppends, viewer.appends.getAndSet(0));
            closed += viewer.closed ? 1 : 0;
        }
        return "stats " + viewers.size() + " " + messages + " " + chars + " " + (viewers.isEmpty() ? 0 : fewestAppends)
                + " " + closed;
    }

    private String close() {
        for (Viewer viewer : viewers) {
            viewer.close();
        }
        viewers.clear();
        return "closed";
    }

    private Viewer openOne() {
        try {
            // The form login, with the CSRF token Spring Security put in the login page.
            HttpResponse<String> loginPage = send(get("login", null));
            String anonymous = sessionCookie(loginPage);
            String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                    + encode(find(CSRF, loginPage.body()));
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create("http://" + base + "login"))
                    .header("Cookie", anonymous)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
            String location = login.headers().firstValue("Location").orElse("");
            if (login.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("login failed: " + login.statusCode() + " " + location);
            }
            String session = sessionCookie(login);
            // Vaadin's client asks for its UI this way when the page did not embed one.
            String init = send(get(
                            "?v-r=init&location=&query=&v-curdate=" + System.currentTimeMillis() + BROWSER_DETAILS,
                            session))
                    .body();
            Viewer viewer = new Viewer(session, Integer.parseInt(find(UI_ID, init)), find(SECURITY_KEY, init));
            String navigated = viewer.uidl("\"rpc\":[{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\","
                    + "\"data\":{\"route\":\"\",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":null,"
                    + "\"trigger\":\"\"}}],\"syncId\":0,\"clientId\":0");
            if (!navigated.contains("run-panel")) {
                throw new IllegalStateException(
                        "the Live view did not open: " + navigated.substring(0, Math.min(300, navigated.length())));
            }
            viewer.socket = http.newWebSocketBuilder()
                    .header("Cookie", session)
                    .buildAsync(
                            URI.create("ws://" + pushBase
                                    + "VAADIN/push?v-r=push&v-uiId=" + viewer.uiId + "&v-pushId=" + find(PUSH_ID, init)
                                    + ATMOSPHERE),
                            viewer)
                    .get(10, TimeUnit.SECONDS);
            long interval = Long.parseLong(find(HEARTBEAT, init));
            viewer.heartbeating =
                    heartbeats.scheduleAtFixedRate(viewer::heartbeat, interval, interval, TimeUnit.SECONDS);
            return viewer;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + base + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie"));
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text.substring(0, Math.min(300, text.length())));
        }
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A run panel's page call per push ({@code RunPanel}, frontend/src/live-tick.ts) with thinking text. */
    private static final Pattern THINKING = Pattern.compile("\\[\"live-run-\\d+\",(?:true|false),\"[^\"]");

    private final class Viewer implements WebSocket.Listener {
        final String session;
        final int uiId;
        final String securityKey;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong chars = new AtomicLong();
        final AtomicLong appends = new AtomicLong();
        volatile boolean closed;
        volatile WebSocket socket;
        volatile ScheduledFuture<?> heartbeating;
        /** Atmosphere's handshake comes first: "trackingId|0|X|" (0: Vaadin wants no heartbeat on the socket). */
        private boolean handshaken;

        private final StringBuilder pending = new StringBuilder();

        Viewer(String session, int uiId, String securityKey) {
            this.session = session;
            this.uiId = uiId;
            this.securityKey = securityKey;
        }

        String uidl(String body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create("http://" + base + "?v-r=uidl&v-uiId=" + uiId))
                            .header("Cookie", session)
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"csrfToken\":\"" + securityKey + "\"," + body + "}"))
                            .build())
                    .body();
        }

        /** Without it Vaadin closes the UI after three missed intervals. */
        void heartbeat() {
            http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://" + base + "?v-r=heartbeat&v-uiId=" + uiId))
                                    .header("Cookie", session)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            System.err.println("heartbeat of UI " + uiId + ": HTTP " + response.statusCode());
                        }
                    });
        }

        /** What the Vaadin client sends as a beacon when its page unloads, so the server closes the UI now. */
        void close() {
            closed = true;
            heartbeating.cancel(false);
            try {
                uidl("\"rpc\":[],\"UNLOAD\":true");
            } catch (Exception e) {
                // The bench only reports what the server did; a failed unload shows as retained heap.
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            chars.addAndGet(data.length());
            pending.append(data);
            // Atmosphere frames each message as "<length>|<message>"; a frame may hold several or part of one.
            while (true) {
                int bar = pending.indexOf("|");
                if (bar < 0) {
                    break;
                }
                int length = Integer.parseInt(pending.substring(0, bar));
                if (pending.length() < bar + 1 + length) {
                    break;
                }
                String message = pending.substring(bar + 1, bar + 1 + length);
                pending.delete(0, bar + 1 + length);
                if (!handshaken) {
                    handshaken = true;
                    continue;
                }
                // Atmosphere's server heartbeat is its one padding character, not a push.
                if (message.length() > 1) {
                    messages.incrementAndGet();
                }
                if (hasThinkingText(message)) {
                    appends.incrementAndGet();
                }
            }
            webSocket.request(1);
            return null;
        }

        /**
         * Whether the push carries thinking text: the run panel's one page call per push,
         * {@code window.jouleboardLive.run(id, fresh, thinking, answer, line)}, with a thinking argument that is not
         * empty. A JSON string holds no unescaped quote, so the pattern cannot match inside the text.
         */
        private static boolean hasThinkingText(String message) {
            return THINKING.matcher(message).find();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closed) {
                // Why a socket went while the bench still counts on it (the bench then fails its check).
                System.err.println("viewer UI " + uiId + ": socket closed by the server, status " + statusCode + " '"
                        + reason + "'");
            }
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closed) {
                System.err.println("viewer UI " + uiId + ": socket failed: " + error
                        + (error.getCause() == null ? "" : ", because " + error.getCause()));
            }
            closed = true;
        }
    }
}
