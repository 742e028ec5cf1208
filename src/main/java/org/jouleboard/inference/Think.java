package org.jouleboard.inference;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether to ask the model to think. DEFAULT sends nothing, so the model's own default applies. LOW, MEDIUM and
 * HIGH are reasoning efforts, which Ollama passes to models that take them (gpt-oss) and treats as "on" for
 * the others; comparing their energy is one of the things this tool is for.
 *
 * <p>ON_WHERE_SUPPORTED is a request, never a run's setting: one experiment mixing thinking and plain models
 * asks it, and each run is stored with what it really ran with ({@link #forModel}: ON for a model that
 * thinks, OFF for one that does not), so a board row's think setting says what happened.
 */
public enum Think {
    ON,
    OFF,
    DEFAULT,
    LOW,
    MEDIUM,
    HIGH,
    ON_WHERE_SUPPORTED;

    /** Asks for thinking in any form: then the model needs the thinking capability. */
    public boolean asksToThink() {
        return this != OFF && this != DEFAULT && this != ON_WHERE_SUPPORTED;
    }

    /** The setting a run of a model with or without the thinking capability runs with. */
    public Think forModel(boolean modelThinks) {
        return this == ON_WHERE_SUPPORTED ? (modelThinks ? ON : OFF) : this;
    }

    /** The settings a run can have (and a board row can be filtered by): all but ON_WHERE_SUPPORTED. */
    public static java.util.List<Think> runSettings() {
        return java.util.List.of(ON, OFF, DEFAULT, LOW, MEDIUM, HIGH);
    }

    public boolean isLevel() {
        return this == LOW || this == MEDIUM || this == HIGH;
    }

    /** What langchain4j sends; it takes only true/false, so a level goes out as true and is rewritten. */
    @Nullable
    Boolean wireValue() {
        return switch (this) {
            case ON, LOW, MEDIUM, HIGH -> Boolean.TRUE;
            case OFF -> Boolean.FALSE;
            case DEFAULT -> null;
            case ON_WHERE_SUPPORTED ->
                throw new IllegalStateException(
                        "ON_WHERE_SUPPORTED is resolved per model when runs are created (Think.forModel)");
        };
    }

    /** Ollama's value for a level: "low", "medium" or "high". */
    String level() {
        return name().toLowerCase(Locale.ROOT);
    }
}
