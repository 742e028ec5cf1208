package org.jouleboard.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.internal.ExpectedColumns;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "experiment_prompt")
class ExperimentPrompt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Nullable
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "experiment_id")
    Experiment experiment;

    @Column(nullable = false)
    int position;

    @Lob
    @Column(nullable = false)
    String text;

    @Embedded
    ExpectedColumns expected;

    protected ExperimentPrompt() {}

    ExperimentPrompt(Experiment experiment, int position, String text, @Nullable ExpectedAnswer expected) {
        this.experiment = experiment;
        this.position = position;
        this.text = text;
        this.expected = ExpectedColumns.of(expected);
    }

    @Nullable
    ExpectedAnswer expected() {
        return expected == null ? null : expected.toAnswer();
    }
}
