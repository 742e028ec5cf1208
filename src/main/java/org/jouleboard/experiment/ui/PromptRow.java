package org.jouleboard.experiment.ui;

import org.jouleboard.experiment.ExpectedAnswer;
import org.jouleboard.experiment.PromptInput;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** One prompt in the form, with an optional expected answer for grading. */
class PromptRow extends HorizontalLayout {

    static final String NOT_GRADED = "not graded";

    final TextArea text = new TextArea();
    final Select<String> kind = new Select<>();
    final TextField expected = new TextField();

    PromptRow(int number, Runnable remove) {
        setWidthFull();
        setAlignItems(Alignment.BASELINE);
        text.setLabel("Prompt " + number);
        text.setWidthFull();
        text.setMaxHeight("12em");
        kind.setLabel("Expected answer");
        kind.setItems(NOT_GRADED, "exact", "contains", "regex");
        kind.setValue(NOT_GRADED);
        kind.setWidth("10em");
        expected.setLabel("Expected value");
        expected.setWidth("14em");
        expected.setEnabled(false);
        kind.addValueChangeListener(e -> expected.setEnabled(!NOT_GRADED.equals(e.getValue())));
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> remove.run());
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Remove prompt " + number);
        add(text, kind, expected, delete);
        setFlexGrow(1, text);
    }

    void set(PromptInput prompt) {
        text.setValue(prompt.text());
        if (prompt.expected() == null) {
            kind.setValue(NOT_GRADED);
            expected.clear();
        } else {
            kind.setValue(prompt.expected().kind().name().toLowerCase(java.util.Locale.ROOT));
            expected.setValue(prompt.expected().value());
        }
    }

    /** @throws IllegalArgumentException with a readable message when the expected answer is invalid */
    PromptInput toInput() {
        ExpectedAnswer answer = NOT_GRADED.equals(kind.getValue()) ? null
                : new ExpectedAnswer(ExpectedAnswer.Kind.valueOf(kind.getValue().toUpperCase(java.util.Locale.ROOT)),
                        expected.getValue());
        return new PromptInput(text.getValue(), answer);
    }
}
