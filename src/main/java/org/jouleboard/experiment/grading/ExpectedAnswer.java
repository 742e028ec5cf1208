package org.jouleboard.experiment.grading;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What a correct answer to a prompt looks like, and the grading of a model's answer against it. Only the
 * answer is graded, never the thinking text: a reasoning model tries out wrong numbers while it thinks.
 *
 * <ul>
 * <li>{@code EXACT}: the whole answer equals the value, ignoring case, surrounding whitespace, runs of
 * whitespace and one trailing period ("Paris." matches "paris").</li>
 * <li>{@code CONTAINS}: the answer contains the value, ignoring case and runs of whitespace.</li>
 * <li>{@code REGEX}: the pattern is found somewhere in the answer, ignoring case; {@code \w}, {@code \b} and
 * {@code \d} are Unicode-aware. Use word boundaries, e.g. {@code \b391\b} so that "3910" does not count.</li>
 * </ul>
 *
 * A null or blank answer is incorrect. Free-form answers are untrusted input to a user-written pattern, so a
 * regular expression may read the answer's characters at most 1,000,000 + 100 x length times (ordinary
 * patterns read each character a handful of times, catastrophic backtracking millions of times); an answer it
 * cannot decide within that grades {@link Grade#UNDECIDED}. The budget counts work, not time, so the same
 * answer always gets the same grade however busy the machine is.
 *
 * @param kind  how the value is compared
 * @param value the expected text or pattern
 */
public record ExpectedAnswer(Kind kind, String value) {

    public enum Kind {
        EXACT,
        CONTAINS,
        REGEX
    }

    /** Reads allowed per character of the answer, plus a fixed allowance for short answers. */
    static final long READS_PER_CHARACTER = 100;

    static final long BASE_READS = 1_000_000;

    static final int MAX_VALUE_LENGTH = 2_000;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Some models inline their reasoning as <think>...</think> even when it is not split off; an unclosed
    // block means the model never got past thinking.
    private static final Pattern THINK_BLOCK = Pattern.compile("(?s)<think>.*?(?:</think>|$)");

    public ExpectedAnswer {
        if (kind == null) {
            throw new IllegalArgumentException("Choose how the expected answer is compared: exact, contains or regex.");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The expected answer must not be empty.");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("The expected answer is too long (" + value.length()
                    + " characters, at most " + MAX_VALUE_LENGTH + ").");
        }
        if (kind == Kind.REGEX) {
            compile(value);
        }
    }

    public static ExpectedAnswer exact(String value) {
        return new ExpectedAnswer(Kind.EXACT, value);
    }

    public static ExpectedAnswer contains(String value) {
        return new ExpectedAnswer(Kind.CONTAINS, value);
    }

    public static ExpectedAnswer regex(String pattern) {
        return new ExpectedAnswer(Kind.REGEX, pattern);
    }

    /** Grades the answer text (not the thinking). */
    public Grade grade(@Nullable String answer) {
        return grade(answer, answer == null ? 0 : regexReadBudget(answer.length()));
    }

    /** How many character reads a regular expression may spend on an answer of this length. */
    static long regexReadBudget(int answerLength) {
        return BASE_READS + READS_PER_CHARACTER * answerLength;
    }

    /** Grades with an explicit read budget for a regular expression. */
    Grade grade(@Nullable String answer, long regexReadBudget) {
        if (answer == null) {
            return Grade.INCORRECT;
        }
        String text = THINK_BLOCK.matcher(answer).replaceAll("");
        if (text.isBlank()) {
            return Grade.INCORRECT;
        }
        return switch (kind) {
            case EXACT -> of(withoutTrailingPeriod(normalized(text)).equals(withoutTrailingPeriod(normalized(value))));
            case CONTAINS -> of(normalized(text).contains(normalized(value)));
            case REGEX -> find(text, regexReadBudget);
        };
    }

    private Grade find(String text, long readBudget) {
        Matcher matcher = compile(value).matcher(new ReadBudgetCharSequence(text, readBudget));
        try {
            return of(matcher.find());
        } catch (ReadBudgetCharSequence.BudgetExceeded e) {
            return Grade.UNDECIDED;
        } catch (StackOverflowError e) {
            // Deeply nested groups on a long answer can exhaust the stack before the budget.
            return Grade.UNDECIDED;
        }
    }

    private static Pattern compile(String pattern) {
        try {
            // Unicode classes so that \b and \w also work around accented letters ("\bété\b").
            return Pattern.compile(
                    pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "The expected-answer pattern is not a valid regular expression: "
                            + e.getDescription() + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : "")
                            + " in " + pattern,
                    e);
        }
    }

    private static String normalized(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static String withoutTrailingPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1).stripTrailing() : text;
    }

    private static Grade of(boolean correct) {
        return correct ? Grade.CORRECT : Grade.INCORRECT;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ": " + value;
    }
}
