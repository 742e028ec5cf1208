package org.jouleboard.experiment.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.jouleboard.experiment.grading.ExpectedAnswer.Kind;
import org.junit.jupiter.api.Test;

class ExpectedAnswerTest {

    @Test
    void exactIgnoresCaseSurroundingSpaceAndATrailingPeriod() {
        ExpectedAnswer paris = ExpectedAnswer.exact("Paris");

        assertThat(paris.grade("Paris")).isEqualTo(Grade.CORRECT);
        assertThat(paris.grade("  paris.\n")).isEqualTo(Grade.CORRECT);
        assertThat(ExpectedAnswer.exact("New  York.").grade("new york")).isEqualTo(Grade.CORRECT);
    }

    @Test
    void exactNeedsTheWholeAnswer() {
        ExpectedAnswer paris = ExpectedAnswer.exact("Paris");

        assertThat(paris.grade("The capital is Paris.")).isEqualTo(Grade.INCORRECT);
        assertThat(paris.grade("Paris!")).isEqualTo(Grade.INCORRECT);
        assertThat(paris.grade("Paris..")).isEqualTo(Grade.INCORRECT);
    }

    @Test
    void containsIgnoresCaseAndLineBreaks() {
        ExpectedAnswer canberra = ExpectedAnswer.contains("Canberra");

        assertThat(canberra.grade("The capital of Australia is **CANBERRA**, not Sydney."))
                .isEqualTo(Grade.CORRECT);
        assertThat(ExpectedAnswer.contains("Leonardo da Vinci").grade("It was Leonardo\nda Vinci."))
                .isEqualTo(Grade.CORRECT);
        assertThat(canberra.grade("Sydney")).isEqualTo(Grade.INCORRECT);
    }

    @Test
    void regexIsFoundAnywhereIgnoringCase() {
        ExpectedAnswer product = ExpectedAnswer.regex("\\b391\\b");

        assertThat(product.grade("17 × 23 = 391.")).isEqualTo(Grade.CORRECT);
        assertThat(product.grade("The answer is \\boxed{391}")).isEqualTo(Grade.CORRECT);
        assertThat(product.grade("3910")).isEqualTo(Grade.INCORRECT);
        assertThat(ExpectedAnswer.regex("\\bjupiter\\b").grade("JUPITER is the largest."))
                .isEqualTo(Grade.CORRECT);
        assertThat(ExpectedAnswer.regex("\\bstraße\\b").grade("STRASSE")).isEqualTo(Grade.INCORRECT);
        assertThat(ExpectedAnswer.regex("\\bÉté\\b").grade("en été")).isEqualTo(Grade.CORRECT);
    }

    @Test
    void decidedGradesMapToTrueOrFalse() {
        assertThat(Grade.CORRECT.correct()).isTrue();
        assertThat(Grade.INCORRECT.correct()).isFalse();
        assertThat(Grade.CORRECT.isCorrect()).isTrue();
        assertThat(Grade.INCORRECT.isCorrect()).isFalse();
    }

    @Test
    void noAnswerIsAnIncorrectAnswer() {
        for (ExpectedAnswer expected : new ExpectedAnswer[] {
            ExpectedAnswer.exact("x"), ExpectedAnswer.contains("x"), ExpectedAnswer.regex(".*")
        }) {
            assertThat(expected.grade(null)).isEqualTo(Grade.INCORRECT);
            assertThat(expected.grade("")).isEqualTo(Grade.INCORRECT);
            assertThat(expected.grade(" \n\t")).isEqualTo(Grade.INCORRECT);
        }
    }

    @Test
    void inlineThinkingIsNotGraded() {
        ExpectedAnswer product = ExpectedAnswer.regex("\\b391\\b");

        assertThat(product.grade("<think>maybe 391? no, 381</think>The answer is 381."))
                .isEqualTo(Grade.INCORRECT);
        assertThat(product.grade("<think>17*23 = 391</think>\n\n391")).isEqualTo(Grade.CORRECT);
        // Ran out of tokens while still thinking: there is no answer.
        assertThat(product.grade("<think>17*23 ... 391 ... let me check")).isEqualTo(Grade.INCORRECT);
        assertThat(ExpectedAnswer.exact("391").grade("<think>hmm</think> 391.")).isEqualTo(Grade.CORRECT);
    }

    @Test
    void anInvalidPatternIsRejectedWithAReadableMessage() {
        assertThatThrownBy(() -> ExpectedAnswer.regex("(\\d+"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The expected-answer pattern is not a valid regular expression: ")
                .hasMessageContaining("(\\d+");
    }

    @Test
    void anEmptyExpectedAnswerIsRejected() {
        assertThatThrownBy(() -> ExpectedAnswer.contains("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The expected answer must not be empty.");
        assertThatThrownBy(() -> new ExpectedAnswer(Kind.EXACT, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpectedAnswer(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpectedAnswer.exact("x".repeat(ExpectedAnswer.MAX_VALUE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void catastrophicBacktrackingIsCutOffAndLeftUndecided() {
        // Nested quantifiers backtrack exponentially in Java's engine when the final 'b' is missing:
        // at 24 characters this already takes about a second, at 40 it would take days.
        ExpectedAnswer evil = ExpectedAnswer.regex("((a+)+)+b");
        String answer = "a".repeat(40);

        Grade grade = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> evil.grade(answer));

        assertThat(grade).isEqualTo(Grade.UNDECIDED);
        assertThat(grade.isCorrect()).isFalse();
        assertThat(grade.correct()).isNull();
        // The same pattern on a short answer still decides normally.
        assertThat(evil.grade("aaab")).isEqualTo(Grade.CORRECT);
    }

    @Test
    void theBudgetCountsReadsSoTheSameInputAlwaysGetsTheSameGrade() {
        ExpectedAnswer word = ExpectedAnswer.regex("\\bcanberra\\b");
        String answer = "x".repeat(1_000) + " Canberra";

        assertThat(word.grade(answer, 100)).isEqualTo(Grade.UNDECIDED);
        assertThat(word.grade(answer, 100)).isEqualTo(Grade.UNDECIDED);
        assertThat(word.grade(answer, 100_000)).isEqualTo(Grade.CORRECT);
    }

    @Test
    void aLongAnswerWithAnOrdinaryPatternIsGradedWithinTheDefaultBudget() {
        String answer = "Let me work through this carefully. ".repeat(20_000) + "So the result is 5050.";

        assertThat(ExpectedAnswer.regex("\\b5,?050\\b").grade(answer)).isEqualTo(Grade.CORRECT);
        assertThat(ExpectedAnswer.regex("\\b4,?950\\b").grade(answer)).isEqualTo(Grade.INCORRECT);
        // Even a naive leading .* stays within budget on an answer with ordinary line lengths.
        String lines = "Step: add the next number to the running total.\n".repeat(5_000) + "Total: 5050";
        assertThat(ExpectedAnswer.regex(".*5050").grade(lines)).isEqualTo(Grade.CORRECT);
    }
}
