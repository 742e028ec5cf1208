package org.jouleboard.experiment.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jspecify.annotations.Nullable;

/** How a prompt's expected answer is stored beside it (both columns null when the prompt is not graded). */
@Embeddable
public class ExpectedColumns {

    @Enumerated(EnumType.STRING)
    @Column(name = "expected_kind")
    ExpectedAnswer.Kind kind;

    @Column(name = "expected_value")
    String value;

    protected ExpectedColumns() {}

    public static ExpectedColumns of(@Nullable ExpectedAnswer expected) {
        ExpectedColumns columns = new ExpectedColumns();
        if (expected != null) {
            columns.kind = expected.kind();
            columns.value = expected.value();
        }
        return columns;
    }

    @Nullable
    public ExpectedAnswer toAnswer() {
        return kind == null ? null : new ExpectedAnswer(kind, value);
    }
}
