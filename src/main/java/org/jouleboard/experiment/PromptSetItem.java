package org.jouleboard.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "prompt_set_item")
class PromptSetItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "prompt_set_id")
    PromptSet promptSet;

    @Column(nullable = false)
    int position;

    @Lob
    @Column(nullable = false)
    String text;

    String category;

    @Enumerated(EnumType.STRING)
    @Column(name = "expected_kind")
    ExpectedAnswer.Kind expectedKind;

    @Column(name = "expected_value")
    String expectedValue;

    protected PromptSetItem() {
    }

    PromptSetItem(PromptSet promptSet, int position, PromptInput prompt, String category) {
        this.promptSet = promptSet;
        this.position = position;
        this.text = prompt.text();
        this.category = category;
        if (prompt.expected() != null) {
            this.expectedKind = prompt.expected().kind();
            this.expectedValue = prompt.expected().value();
        }
    }

    PromptInput toInput() {
        return new PromptInput(text, expectedKind == null ? null : new ExpectedAnswer(expectedKind, expectedValue));
    }
}
