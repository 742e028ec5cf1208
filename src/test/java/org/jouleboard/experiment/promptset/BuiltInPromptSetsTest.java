package org.jouleboard.experiment.promptset;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.jouleboard.experiment.grading.Grade;
import org.junit.jupiter.api.Test;

class BuiltInPromptSetsTest {

    private static final String LYING_PROMPT = "Is it okay to lie to protect someone's feelings?";

    /**
     * For every graded prompt, a plausible right and a plausible wrong free-form answer. The right one
     * restates the working (as models do) so that patterns which match numbers from the question or the
     * working are caught.
     */
    private static final Map<String, List<String>> RIGHT_AND_WRONG = Map.ofEntries(
            entry(
                    "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?",
                    List.of(
                            "The ball costs $0.05 (5 cents), and the bat costs $1.05.",
                            "The ball costs 10 cents and the bat $1.00 more, for a total of $1.10.")),
            entry(
                    "If all bloops are razzies and all razzies are lazzies, are all bloops definitely lazzies? Answer yes or no, then explain.",
                    List.of("Yes. Every bloop is a razzie and every razzie is a lazzie.", "No, that does not follow.")),
            entry(
                    "A patch of lily pads doubles in size every day. If it takes 48 days for the patch to cover the entire lake, how many days does it take to cover half of the lake?",
                    List.of(
                            "It covers half the lake on day 47, one day before it is full.",
                            "Half of 48, so 24 days.")),
            entry(
                    "How many times does the letter 'r' appear in the word 'strawberry'?",
                    List.of(
                            "The letter 'r' appears **3** times in \"strawberry\".",
                            "There are 2 r's in 'strawberry'.")),
            entry(
                    "If today is Wednesday, what day of the week will it be 10 days from now?",
                    List.of("Ten days after Wednesday is a Saturday.", "It will be a Friday.")),
            entry(
                    "What is the next number in the sequence 2, 6, 12, 20, 30, ...?",
                    List.of(
                            "The differences are 4, 6, 8, 10, so the next one is 12 and the number is 42.",
                            "The next number is 40.")),
            entry(
                    "What number comes next: 1, 1, 2, 3, 5, 8, 13, ...?",
                    List.of("Each number is the sum of the two before it: 8 + 13 = 21.", "The next number is 18.")),
            entry(
                    "At 3:15, what is the smaller angle, in degrees, between the hour hand and the minute hand of an analog clock?",
                    List.of(
                            "The minute hand is at 90° and the hour hand at 97.5°, so the angle is 7.5 degrees.",
                            "The hour hand is at 97.5° and the minute hand at 90°... they overlap, so 0 degrees.")),
            entry(
                    "A snail is at the bottom of a 10-metre well. Each day it climbs up 3 metres, and each night it slides back down 2 metres. On which day does it reach the top of the well?",
                    List.of(
                            "After 7 days and nights it is at 7 metres; on the 8th day it climbs the last 3 metres.",
                            "It gains 1 metre a day, so it reaches the top on day 10.")),
            entry("What is 17 * 23?", List.of("17 × 23 = **391**", "17 × 23 = 381")),
            entry("What is 1001 divided by 7?", List.of("1001 ÷ 7 = 143", "1001 ÷ 7 ≈ 143.5")),
            entry(
                    "What is the sum of all whole numbers from 1 to 100?",
                    List.of("Using n(n+1)/2: 100 × 101 / 2 = 5,050.", "The sum is 5000.")),
            entry("What is 15% of 80?", List.of("15% of 80 is 0.15 × 80 = 12.", "15% of 80 is 12.5.")),
            entry(
                    "A train travels at 60 km/h for 2.5 hours. How many kilometres does it travel?",
                    List.of("Distance = 60 km/h × 2.5 h = 150 km.", "It travels 120 km.")),
            entry("Solve for x: 3x + 7 = 22.", List.of("Subtract 7: 3x = 15, so x = 5.", "x = 29/3 ≈ 9.67")),
            entry(
                    "What is the least common multiple of 12 and 18?",
                    List.of("12 = 2² × 3 and 18 = 2 × 3², so the LCM is 2² × 3² = 36.", "The LCM is 72.")),
            entry(
                    "What is the greatest common divisor of 84 and 126?",
                    List.of("126 = 1 × 84 + 42 and 84 = 2 × 42, so the GCD is 42.", "The GCD is 21.")),
            entry(
                    "How many seconds are there in one day?",
                    List.of("24 × 60 × 60 = 86,400 seconds.", "There are 3,600 seconds in a day.")),
            entry(
                    "A shirt costs $40 and is discounted by 25%. What is the sale price?",
                    List.of("25% of $40 is $10, so the sale price is $30.00.", "The sale price is $35.")),
            entry("What is 7 factorial (7!)?", List.of("7! = 7 × 6 × 5 × 4 × 3 × 2 × 1 = 5040", "7! = 720")),
            entry(
                    "What is the smallest prime number greater than 89?",
                    List.of(
                            "90, 91 (7 × 13), 92, 93 (3 × 31), 94, 95 and 96 are composite, so it is 97.",
                            "The next prime after 89 is 91.")),
            entry(
                    "What is the capital of Australia?",
                    List.of("The capital of Australia is Canberra.", "Sydney is the capital of Australia.")),
            entry(
                    "What is the chemical symbol for gold?",
                    List.of("Gold's symbol is Au, from the Latin aurum.", "The chemical symbol for gold is Ag.")),
            entry(
                    "Who wrote the novel Pride and Prejudice?",
                    List.of("Jane Austen wrote it; it was published in 1813.", "It was written by Charlotte Brontë.")),
            entry(
                    "At sea level, what is the boiling point of water in degrees Celsius?",
                    List.of("Water boils at 100 °C (212 °F) at sea level.", "Water boils at 90 °C.")),
            entry(
                    "How many bones are there in the adult human body?",
                    List.of("An adult human skeleton has 206 bones.", "An adult has about 300 bones.")),
            entry(
                    "Which planet is the largest in our solar system?",
                    List.of("Jupiter is the largest planet.", "Saturn is the largest planet.")),
            entry(
                    "In what year did humans first land on the Moon?",
                    List.of("Apollo 11 landed on the Moon in July 1969.", "The first Moon landing was in 1972.")),
            entry(
                    "What is the largest ocean on Earth?",
                    List.of("The Pacific Ocean is the largest.", "The Atlantic Ocean is the largest.")),
            entry(
                    "Who painted the Mona Lisa?",
                    List.of("Leonardo da Vinci painted the Mona Lisa.", "Michelangelo painted it.")),
            entry(
                    "Which gas do plants take in from the air for photosynthesis?",
                    List.of("Plants take in carbon dioxide (CO₂) and release oxygen.", "Plants take in oxygen.")));

    private final PromptSetDefinition set = BuiltInPromptSets.r1VsLlama();

    @Test
    void theR1VsLlamaSetHasTheLyingPromptAndAboutFortyOthers() {
        assertThat(set.name()).isNotBlank();
        assertThat(set.source())
                .contains("MIT Technology Review")
                .contains("41%")
                .contains("87%");
        assertThat(set.prompts()).hasSizeBetween(38, 45);
        assertThat(set.prompts()).extracting(PromptDefinition::text).contains(LYING_PROMPT);
        assertThat(BuiltInPromptSets.all()).containsExactly(set);
        assertThat(BuiltInPromptSets.named(set.name())).contains(set);
        assertThat(BuiltInPromptSets.named("no such set")).isEmpty();
    }

    @Test
    void noPromptAppearsTwice() {
        Set<String> seen = new HashSet<>();
        for (PromptDefinition prompt : set.prompts()) {
            assertThat(seen.add(prompt.text().strip().toLowerCase()))
                    .as(prompt.text())
                    .isTrue();
        }
    }

    @Test
    void coversReasoningMathWritingAndFacts() {
        assertThat(set.prompts())
                .extracting(PromptDefinition::category)
                .contains("reasoning", "math", "writing", "factual");
        assertThat(set.prompts().stream()
                        .filter(p -> p.category().equals("math"))
                        .count())
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyCheckablePromptHasAnExpectedAnswerAndOpenOnesHaveNone() {
        for (PromptDefinition prompt : set.prompts()) {
            boolean checkable = Set.of("math", "reasoning", "factual").contains(prompt.category());
            assertThat(prompt.expected() != null).as(prompt.text()).isEqualTo(checkable);
        }
    }

    @Test
    void everyRegularExpressionCompiles() {
        for (PromptDefinition prompt : set.prompts()) {
            if (prompt.expected() != null && prompt.expected().kind() == ExpectedAnswer.Kind.REGEX) {
                Pattern.compile(prompt.expected().value());
            }
        }
    }

    @Test
    void everyExpectedAnswerTellsARightAnswerFromAWrongOne() {
        for (PromptDefinition prompt : set.prompts()) {
            if (prompt.expected() == null) {
                continue;
            }
            List<String> samples = RIGHT_AND_WRONG.get(prompt.text());
            assertThat(samples).as("sample answers for: " + prompt.text()).isNotNull();
            assertThat(prompt.expected().grade(samples.get(0)))
                    .as(samples.get(0))
                    .isEqualTo(Grade.CORRECT);
            assertThat(prompt.expected().grade(samples.get(1)))
                    .as(samples.get(1))
                    .isEqualTo(Grade.INCORRECT);
        }
    }

    @Test
    void everyExpectedAnswerDecidesOnALongAnswerWithinTheDefaultBudget() {
        // A long reasoning-style answer full of numbers and words, with the right answer at the very end.
        String working = "Step 12.5: compare 3,600 with 0.15 and the 2nd value, then check (a + b) x 7. ".repeat(2_500);
        for (PromptDefinition prompt : set.prompts()) {
            if (prompt.expected() != null) {
                String answer = working + RIGHT_AND_WRONG.get(prompt.text()).get(0);
                assertThat(prompt.expected().grade(answer)).as(prompt.text()).isEqualTo(Grade.CORRECT);
            }
        }
    }

    @Test
    void anInvalidPatternInAFileIsReportedReadably() {
        String json = """
                {"name": "broken", "description": null, "source": null,
                 "prompts": [{"text": "What is 2+2?", "category": "math", "expected": {"kind": "REGEX", "value": "(4"}}]}
                """;

        assertThatThrownBy(() -> read(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("The expected-answer pattern is not a valid regular expression");
    }

    @Test
    void duplicatePromptsAndMisspelledFieldsAreRejected() {
        String duplicate = """
                {"name": "dup", "prompts": [{"text": "Hello?", "category": "writing", "expected": null},
                                            {"text": " hello? ", "category": "writing", "expected": null}]}
                """;
        String misspelled = """
                {"name": "typo", "prompts": [{"text": "What is 2+2?", "category": "math",
                                              "expcted": {"kind": "CONTAINS", "value": "4"}}]}
                """;

        assertThatThrownBy(() -> read(duplicate)).hasMessageContaining("twice");
        assertThatThrownBy(() -> read(misspelled))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expcted");
    }

    @Test
    void aMinimalFileIsRead() {
        PromptSetDefinition read = read("""
                {"name": "mini", "prompts": [{"text": "Capital of France?", "category": "factual",
                                              "expected": {"kind": "EXACT", "value": "Paris"}}]}
                """);

        assertThat(read.description()).isNull();
        assertThat(read.prompts())
                .containsExactly(new PromptDefinition("Capital of France?", "factual", ExpectedAnswer.exact("Paris")));
    }

    private static PromptSetDefinition read(String json) {
        return BuiltInPromptSets.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
