package org.jouleboard.experiment.promptset;

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
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.internal.ExpectedColumns;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "prompt_set_item")
class PromptSetItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Nullable
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "prompt_set_id")
    PromptSet promptSet;

    @Column(nullable = false)
    int position;

    @Lob
    @Column(nullable = false)
    String text;

    @Nullable
    String category;

    @Embedded
    ExpectedColumns expected;

    protected PromptSetItem() {}

    PromptSetItem(PromptSet promptSet, int position, PromptInput prompt, @Nullable String category) {
        this.promptSet = promptSet;
        this.position = position;
        this.text = prompt.text();
        this.category = category;
        this.expected = ExpectedColumns.of(prompt.expected());
    }

    PromptInput toInput() {
        return new PromptInput(text, expected == null ? null : expected.toAnswer());
    }
}
