package org.jouleboard.experiment.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Numbers experiment prompts by text: two prompts with the same text (of different experiments) get the same
 * number, so that runs can be paired by prompt without their texts. Each prompt's text is read once in the
 * life of the application (an experiment's prompts never change) and only a 128-bit digest of it is kept, so a
 * board that pairs a million runs reads the texts of the prompts it has not seen before, usually none.
 */
@Component
public class PromptTextNumbers {

    private final Function<Collection<Long>, Map<Long, String>> texts;
    /** Per prompt id, its text's number + 1; 0 not read yet. Prompt ids are small sequential numbers. */
    private int[] numberOfPrompt = new int[0];

    private final Map<Digest, Integer> numberOfText = new HashMap<>();

    @Autowired
    PromptTextNumbers(RunFactsService facts) {
        this(facts::promptTexts);
    }

    /** {@code texts}: the texts of the given prompt ids (ids that name no prompt left out). */
    PromptTextNumbers(Function<Collection<Long>, Map<Long, String>> texts) {
        this.texts = texts;
    }

    /**
     * The text numbers of the given prompts, in the same order, reading the texts of those not numbered yet;
     * -1 for an id that names no prompt.
     */
    public synchronized int[] of(long[] promptIds) {
        List<Long> unread = Arrays.stream(promptIds)
                .filter(id -> known(id) == 0)
                .distinct()
                .boxed()
                .toList();
        if (!unread.isEmpty()) {
            texts.apply(unread).forEach(this::number);
        }
        int[] numbers = new int[promptIds.length];
        for (int i = 0; i < promptIds.length; i++) {
            numbers[i] = known(promptIds[i]) - 1;
        }
        return numbers;
    }

    private int known(long promptId) {
        return promptId >= 0 && promptId < numberOfPrompt.length ? numberOfPrompt[(int) promptId] : 0;
    }

    private void number(long promptId, String text) {
        if (promptId >= Integer.MAX_VALUE) {
            throw new IllegalStateException("Prompt id " + promptId + " is beyond what can be numbered");
        }
        int id = (int) promptId;
        if (id >= numberOfPrompt.length) {
            numberOfPrompt = Arrays.copyOf(numberOfPrompt, Math.max(id + 1, numberOfPrompt.length * 3 / 2));
        }
        numberOfPrompt[id] = numberOfText.computeIfAbsent(Digest.of(text), d -> numberOfText.size()) + 1;
    }

    /** The first 128 bits of the text's SHA-256: two different texts share it with odds of about 2^-128. */
    private record Digest(long high, long low) {
        static Digest of(String text) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap(
                        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
                return new Digest(bytes.getLong(), bytes.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }
}
