package org.jouleboard.base.ui;

/** "1 prompt", "2 prompts", "0 runs": counts that read as English instead of "prompt(s)". */
public final class Plural {

    private Plural() {}

    /** The count and the noun, with an "s" unless the count is 1; for nouns whose plural adds "s". */
    public static String of(long count, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d", count) + " " + (count == 1 ? noun : noun + "s");
    }
}
