package org.jouleboard.base;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The one way text that nobody here controls (a model's answer) becomes HTML: Markdown parsed with raw HTML
 * shown as text, then an allow-list of plain document elements. Everything else untrusted is shown as text.
 * <p>
 * Two layers on purpose: commonmark never emits the model's own tags, and the sanitizer would drop anything a
 * renderer bug let through (forms, custom elements, {@code style}, images, script URLs).
 */
public final class SafeMarkdown {

    /** The elements an answer may contain once rendered; also what the browser test checks against. */
    public static final Set<String> ELEMENTS = Set.of(
            "p",
            "br",
            "hr",
            "em",
            "strong",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a");

    /** Attributes allowed per element; nothing else survives (no style, class, id or event handler). */
    public static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "a", Set.of("href", "rel", "target"),
            "ol", Set.of("start"),
            "th", Set.of("align"),
            "td", Set.of("align"));

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .nodeRendererFactory(ImageAsText::new)
            .nodeRendererFactory(WebLinksOnly::new)
            .build();
    private static final Pattern WEB_LINK = Pattern.compile("(?i)(https?://|mailto:)\\S+");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(ELEMENTS.toArray(String[]::new))
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .allowAttributes("target")
            .matching(Pattern.compile("_blank"))
            .onElements("a")
            .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
            .allowAttributes("start")
            .matching(Pattern.compile("\\d{1,9}"))
            .onElements("ol")
            .allowAttributes("align")
            .matching(Pattern.compile("left|center|right"))
            .onElements("th", "td")
            .toFactory();

    private SafeMarkdown() {}

    /** The Markdown as HTML that holds only {@link #ELEMENTS} and {@link #ATTRIBUTES}; null reads as empty. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /**
     * A link goes to the web or to a mail address, in a new tab (an answer must not replace the page it is read
     * on); any other link (script, data, file, relative) shows as its text.
     */
    private static final class WebLinksOnly implements NodeRenderer {

        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        WebLinksOnly(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class);
        }

        @Override
        public void render(Node node) {
            String destination = ((Link) node).getDestination();
            boolean web = destination != null && WEB_LINK.matcher(destination).matches();
            if (web) {
                html.tag(
                        "a",
                        Map.of(
                                "href",
                                context.encodeUrl(destination),
                                "target",
                                "_blank",
                                "rel",
                                "noopener noreferrer nofollow"));
            }
            renderChildren(context, node);
            if (web) {
                html.tag("/a");
            }
        }
    }

    private static void renderChildren(HtmlNodeRendererContext context, Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            context.render(child);
        }
    }

    /**
     * An image in an answer would load from wherever the model says (a tracking pixel, a page-sized picture):
     * show its description as text instead.
     */
    private static final class ImageAsText implements NodeRenderer {

        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        ImageAsText(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            if (node.getFirstChild() == null) {
                html.text("[image]");
                return;
            }
            html.text("[image: ");
            renderChildren(context, node);
            html.text("]");
        }
    }
}
