package org.jouleboard.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTextNumbersTest {

    final Map<Long, String> texts = new HashMap<>(
            Map.of(1L, "What is 2 + 2?", 2L, "Name a prime.", 3L, "What is 2 + 2?", 7L, "Name a prime.", 8L, "Other"));
    final List<List<Long>> reads = new ArrayList<>();

    Map<Long, String> read(Collection<Long> ids) {
        reads.add(List.copyOf(ids));
        Map<Long, String> found = new HashMap<>();
        ids.forEach(id -> {
            if (texts.containsKey(id)) {
                found.put(id, texts.get(id));
            }
        });
        return found;
    }

    @Test
    void sameTextSameNumberAndEachTextReadOnce() {
        PromptTextNumbers numbers = new PromptTextNumbers(this::read);
        int[] first = numbers.of(new long[] {1, 2, 3, 1});
        assertThat(first[0]).isEqualTo(first[2]).isEqualTo(first[3]).isNotEqualTo(first[1]);
        assertThat(reads).containsExactly(List.of(1L, 2L, 3L));

        int[] second = numbers.of(new long[] {7, 3, 8, 99});
        assertThat(second[0])
                .as("another experiment's prompt with the same text")
                .isEqualTo(first[1]);
        assertThat(second[1]).isEqualTo(first[0]);
        assertThat(second[2]).isNotIn(first[0], first[1]).isNotNegative();
        assertThat(second[3]).as("no such prompt").isEqualTo(-1);
        assertThat(reads)
                .as("only the prompts not numbered before are read")
                .containsExactly(List.of(1L, 2L, 3L), List.of(7L, 8L, 99L));
    }
}
