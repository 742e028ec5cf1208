package org.jouleboard.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Separates legacy {@code <think>...</think>} reasoning from the answer inside streamed content. A tag can be
 * split over chunks ("<thi", "nk>"), so a tail that could still become a tag is held back until the next chunk
 * decides; tags themselves are never emitted.
 *
 * <p>Templates that open {@code <think>} inside the prompt stream only the closing tag: before any tag, text
 * goes out as answer, and a lone {@code </think>} then says that all of it was thinking. The splitter reports
 * that with a {@link Piece#earlierWasThinking()} piece ahead of the thinking text before the tag; the answer
 * starts right after the tag.
 */
final class ThinkTagSplitter {

    /**
     * A piece of content. {@code earlierWasThinking}: not text, but word that every answer piece so far was
     * thinking (a lone closing tag came).
     */
    record Piece(boolean thinking, String text, boolean earlierWasThinking) {

        Piece(boolean thinking, String text) {
            this(thinking, text, false);
        }

        static final Piece EARLIER_WAS_THINKING = new Piece(true, "", true);
    }

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private final StringBuilder pending = new StringBuilder();
    private boolean inside;
    private boolean sawTag;
    private boolean emittedAnswer;

    List<Piece> feed(String text) {
        pending.append(text);
        List<Piece> pieces = new ArrayList<>();
        while (true) {
            if (!sawTag) {
                int open = pending.indexOf(OPEN);
                int close = pending.indexOf(CLOSE);
                if (close >= 0 && (open < 0 || close < open)) {
                    if (emittedAnswer) {
                        pieces.add(Piece.EARLIER_WAS_THINKING);
                    }
                    inside = true;
                    emit(pieces, pending.substring(0, close));
                    pending.delete(0, close + CLOSE.length());
                    inside = false;
                    sawTag = true;
                    continue;
                }
                if (open < 0) {
                    int keep = Math.max(partialTagAtEnd(OPEN), partialTagAtEnd(CLOSE));
                    emit(pieces, pending.substring(0, pending.length() - keep));
                    pending.delete(0, pending.length() - keep);
                    return pieces;
                }
            }
            String tag = inside ? CLOSE : OPEN;
            int at = pending.indexOf(tag);
            if (at >= 0) {
                emit(pieces, pending.substring(0, at));
                pending.delete(0, at + tag.length());
                inside = !inside;
                sawTag = true;
                continue;
            }
            int keep = partialTagAtEnd(tag);
            emit(pieces, pending.substring(0, pending.length() - keep));
            pending.delete(0, pending.length() - keep);
            return pieces;
        }
    }

    /** At the end of the stream a held-back tail was not a tag after all. */
    List<Piece> flush() {
        List<Piece> pieces = new ArrayList<>();
        emit(pieces, pending.toString());
        pending.setLength(0);
        return pieces;
    }

    private int partialTagAtEnd(String tag) {
        for (int length = Math.min(tag.length() - 1, pending.length()); length > 0; length--) {
            if (tag.startsWith(pending.substring(pending.length() - length))) {
                return length;
            }
        }
        return 0;
    }

    private void emit(List<Piece> pieces, String text) {
        if (!text.isEmpty()) {
            pieces.add(new Piece(inside, text));
            emittedAnswer |= !inside;
        }
    }
}
