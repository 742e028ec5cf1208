package org.jouleboard.inference;

import java.util.Locale;

/**
 * Whether to ask the model to think. DEFAULT sends nothing, so the model's own default applies. LOW, MEDIUM and
 * HIGH are reasoning efforts, which Ollama passes to models that take them (gpt-oss) and treats as "on" for
 * the others; comparing their energy is one of the things this tool is for.
 */
public enum Think {
    ON, OFF, DEFAULT, LOW, MEDIUM, HIGH;

    /** Asks for thinking in any form: then the model needs the thinking capability. */
    public boolean asksToThink() {
        return this != OFF && this != DEFAULT;
    }

    public boolean isLevel() {
        return this == LOW || this == MEDIUM || this == HIGH;
    }

    /** What langchain4j sends; it takes only true/false, so a level goes out as true and is rewritten. */
    Boolean wireValue() {
        return switch (this) {
            case ON, LOW, MEDIUM, HIGH -> Boolean.TRUE;
            case OFF -> Boolean.FALSE;
            case DEFAULT -> null;
        };
    }

    /** Ollama's value for a level: "low", "medium" or "high". */
    String level() {
        return name().toLowerCase(Locale.ROOT);
    }
}
