package org.jouleboard.experiment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.Locale;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jspecify.annotations.Nullable;

/**
 * One prompt in the form, with an optional expected answer for grading. It wraps: on a phone the prompt takes
 * the whole line and the expected answer goes below it.
 */
class PromptRow extends FlexLayout {

    static final String NOT_GRADED = "not graded";

    final TextArea text = new TextArea();
    final Select<String> kind = new Select<>();
    final TextField expected = new TextField();
    private final Button delete;

    PromptRow(int number, Runnable remove, Runnable changed) {
        setWidthFull();
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(Alignment.BASELINE);
        getStyle().set("column-gap", "var(--lumo-space-m)");
        addClassName("prompt-row");
        text.setWidthFull();
        text.setMaxHeight("12em");
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.getStyle().set("flex", "1 1 18em").set("min-width", "0");
        kind.setLabel("Expected answer");
        kind.setItems(NOT_GRADED, "exact", "contains", "regex");
        kind.setValue(NOT_GRADED);
        kind.setWidth("10em");
        expected.setLabel("Expected value");
        expected.setWidth("14em");
        expected.getStyle().set("max-width", "100%");
        expected.setEnabled(false);
        expected.setValueChangeMode(ValueChangeMode.LAZY);
        kind.addValueChangeListener(e -> expected.setEnabled(!NOT_GRADED.equals(e.getValue())));
        delete = new Button(VaadinIcon.TRASH.create(), e -> remove.run());
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        setNumber(number);
        text.addValueChangeListener(e -> changed.run());
        kind.addValueChangeListener(e -> changed.run());
        expected.addValueChangeListener(e -> changed.run());
        add(text, kind, expected, delete);
    }

    void setNumber(int number) {
        text.setLabel("Prompt " + number);
        delete.setAriaLabel("Remove prompt " + number);
    }

    void set(PromptInput prompt) {
        text.setValue(prompt.text());
        if (prompt.expected() == null) {
            kind.setValue(NOT_GRADED);
            expected.clear();
        } else {
            kind.setValue(prompt.expected().kind().name().toLowerCase(Locale.ROOT));
            expected.setValue(prompt.expected().value());
        }
    }

    /** The prompt; an expected answer that is not valid yet is left out (its field says why). */
    PromptInput toInput() {
        try {
            return new PromptInput(text.getValue(), expectedAnswer());
        } catch (IllegalArgumentException invalid) {
            return new PromptInput(text.getValue(), null);
        }
    }

    private @Nullable ExpectedAnswer expectedAnswer() {
        return NOT_GRADED.equals(kind.getValue())
                ? null
                : new ExpectedAnswer(
                        ExpectedAnswer.Kind.valueOf(kind.getValue().toUpperCase(Locale.ROOT)), expected.getValue());
    }

    /**
     * Shows the service's problem with the prompt (null: none) and the expected answer's own; returns whether
     * the row is fine.
     */
    boolean showProblem(@Nullable String promptProblem) {
        text.setErrorMessage(promptProblem);
        text.setInvalid(promptProblem != null);
        String answerProblem = null;
        try {
            expectedAnswer();
        } catch (IllegalArgumentException invalid) {
            answerProblem = invalid.getMessage();
        }
        expected.setErrorMessage(answerProblem);
        expected.setInvalid(answerProblem != null);
        return !isInvalid();
    }

    boolean isInvalid() {
        return text.isInvalid() || expected.isInvalid();
    }
}
