package org.jouleboard.simulator.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jouleboard.simulator.SimulatorProperties;

/**
 * Writes a plausible reasoning and answer for a prompt, cut into word-sized tokens and paced at the configured
 * token rate. The answer says plainly that it is SIMULATED. The same prompt and seed give the same text.
 */
public final class SimulatedText {

    static final String LABEL = "[SIMULATED] ";

    private static final List<String> REASONING = List.of(
            "Okay, let me think about what is being asked here.",
            "The question is about %s, so I should recall the basics first.",
            "I could answer briefly, but a short explanation will help.",
            "Let me check the key facts once more before answering.",
            "There is a subtle point about %s worth mentioning.",
            "I think I have enough to give a clear answer now.");
    private static final List<String> ANSWER = List.of(
            "Here is a short answer about %s.",
            "In short, it depends on the context, but the main idea is simple.",
            "First, consider what %s means in practice.",
            "Second, look at the trade-offs: speed, cost and accuracy.",
            "A concrete example usually makes this clearer.",
            "I hope this helps; ask again for more detail.");

    private final SimulatorProperties properties;

    public SimulatedText(SimulatorProperties properties) {
        this.properties = properties;
    }

    public ChatScript script(ChatCall call, boolean modelThinks) {
        String prompt = call.lastUserMessage() == null ? "the question" : call.lastUserMessage();
        Object seed = call.options().get("seed");
        Random random = new Random(prompt.hashCode() * 31L + (seed instanceof Number n ? n.longValue() : 0));
        String topic = topic(prompt);
        ChatScript.Builder script = ChatScript.builder()
                .firstByteDelay(
                        call.coldStart()
                                ? properties.loadTime().plus(properties.promptEvalTime())
                                : properties.promptEvalTime())
                .chunkInterval(Duration.ofNanos(Math.round(1e9 / properties.tokensPerSecond())));
        Integer limit = call.options().get("num_predict") instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
        List<String> thinking =
                modelThinks ? tokens(sentences(REASONING, 3 + random.nextInt(3), topic, random)) : List.of();
        List<String> answer = tokens(LABEL + sentences(ANSWER, 3 + random.nextInt(3), topic, random));
        int budget = limit == null ? Integer.MAX_VALUE : limit;
        for (String token : thinking) {
            if (budget-- <= 0) {
                return script.done("length").build();
            }
            script.thinking(token);
        }
        for (String token : answer) {
            if (budget-- <= 0) {
                return script.done("length").build();
            }
            script.content(token);
        }
        return script.build();
    }

    private static String sentences(List<String> pool, int count, String topic, Random random) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(pool.get(random.nextInt(pool.size())).formatted(topic));
        }
        return String.join(" ", picked);
    }

    /** One token per word, with its leading space, as tokenizers tend to do. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            tokens.add(i == 0 ? words[i] : " " + words[i]);
        }
        return tokens;
    }

    private static String topic(String prompt) {
        String cleaned = prompt.strip().replaceAll("[?!.]+$", "");
        String[] words = cleaned.split("\\s+");
        return words.length <= 4
                ? "\"" + cleaned + "\""
                : "\"" + String.join(" ", List.of(words).subList(words.length - 3, words.length)) + "\"";
    }
}
