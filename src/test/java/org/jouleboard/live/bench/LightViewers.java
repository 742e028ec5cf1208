package org.jouleboard.live.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Live page viewers without a browser, for {@link LiveViewersBench}: each logs in through the form, asks for
 * a UI like Vaadin's client does ({@code v-r=init}), navigates it to the Live route, holds the Atmosphere
 * WebSocket that Vaadin pushes over (read at the socket level, see {@link Viewer}) and sends Vaadin's heartbeat. It parses nothing it receives beyond
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
    private final int port;
    private final String username;
    private final String password;
    /** One client for all viewers: each viewer sends its own session cookie, so none share a session. */
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();

    LightViewers(int port, String username, String password) {
        this.base = "localhost:" + port + "/";
        this.port = port;
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
            viewer.connect(
                    "/VAADIN/push?v-r=push&v-uiId=" + viewer.uiId + "&v-pushId=" + find(PUSH_ID, init) + ATMOSPHERE);
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

    /**
     * One viewer's push socket, read at the socket level: the JDK's WebSocket client ({@code java.net.http}) failed
     * now and then with "Invalid UTF-8 in frame TEXT" on bytes that a capture of the loopback showed valid, and that
     * it decoded without complaint when replayed alone (docs/performance.md, 1,000 light viewers). Here each text
     * message's UTF-8 is checked over the whole message, as RFC 6455 says, and a bad one is printed byte for byte.
     */
    private final class Viewer {
        final String session;
        final int uiId;
        final String securityKey;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong chars = new AtomicLong();
        final AtomicLong appends = new AtomicLong();
        volatile boolean closed;
        volatile Socket socket;
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
            try (Socket gone = socket) {
                // A masked close frame, code 1000, as a client must send it.
                gone.getOutputStream().write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xe8});
            } catch (IOException e) {
                // Closing anyway.
            }
        }

        /** The WebSocket handshake, then a virtual thread reads the frames. */
        void connect(String path) throws IOException {
            Socket connection = new Socket(InetAddress.getLoopbackAddress(), port);
            connection.setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            connection
                    .getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + base.substring(0, base.length() - 1)
                                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                                    + Base64.getEncoder().encodeToString(nonce)
                                    + "\r\nSec-WebSocket-Version: 13\r\nCookie: " + session + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream(), 32768));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the push socket closed during the handshake: " + head);
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("no WebSocket: " + head);
            }
            socket = connection;
            Thread.ofVirtual().start(() -> read(in));
        }

        private void read(DataInputStream in) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            List<String> frames = new ArrayList<>();
            try {
                while (true) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    long length = b1 & 0x7f;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    if ((b1 & 0x80) != 0 || (b0 & 0x70) != 0 || length > 16_000_000) {
                        throw new IOException("bad frame header " + Integer.toHexString(b0) + " "
                                + Integer.toHexString(b1) + " length " + length);
                    }
                    byte[] payload = in.readNBytes((int) length);
                    int opcode = b0 & 0x0f;
                    boolean fin = (b0 & 0x80) != 0;
                    if (opcode == 8) {
                        if (!closed) {
                            // Why a socket went while the bench still counts on it (the bench then fails its check).
                            System.err.println("viewer UI " + uiId + ": socket closed by the server, status "
                                    + (payload.length >= 2 ? ((payload[0] & 0xff) << 8 | payload[1] & 0xff) : -1));
                        }
                        break;
                    }
                    if (opcode == 0 || opcode == 1) {
                        frames.add((opcode == 1 ? "TEXT" : "CONT") + (fin ? " fin " : " ") + length);
                        message.writeBytes(payload);
                        if (fin) {
                            onText(utf8(message.toByteArray(), frames));
                            message.reset();
                            frames.clear();
                        }
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("viewer UI " + uiId + ": socket failed: " + e);
                }
            }
            closed = true;
        }

        /** The message as text; invalid UTF-8 over the whole message is the server's fault, printed to show. */
        private String utf8(byte[] bytes, List<String> frames) throws IOException {
            CharsetDecoder strict = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length);
            if (strict.decode(in, out, true).isError()) {
                int at = in.position();
                throw new IOException("the server sent invalid UTF-8 at byte " + at + " of a " + bytes.length
                        + "-byte message (frames " + frames + "): "
                        + HexFormat.of().formatHex(bytes, Math.max(0, at - 32), Math.min(bytes.length, at + 32)));
            }
            return out.flip().toString();
        }

        void onText(String data) {
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
        }

        /**
         * Whether the push carries thinking text: the run panel's one page call per push,
         * {@code window.jouleboardLive.run(id, fresh, thinking, answer, line)}, with a thinking argument that is not
         * empty. A JSON string holds no unescaped quote, so the pattern cannot match inside the text.
         */
        private static boolean hasThinkingText(String message) {
            return THINKING.matcher(message).find();
        }
    }
}
