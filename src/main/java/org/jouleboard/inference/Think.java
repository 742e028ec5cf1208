package org.jouleboard.inference;

/** Whether to ask the model to think. DEFAULT sends nothing, so the model's own default applies. */
public enum Think {
    ON, OFF, DEFAULT;

    Boolean wireValue() {
        return switch (this) {
            case ON -> Boolean.TRUE;
            case OFF -> Boolean.FALSE;
            case DEFAULT -> null;
        };
    }
}
