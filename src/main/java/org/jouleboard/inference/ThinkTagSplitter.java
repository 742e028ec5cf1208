package org.jouleboard.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Separates legacy {@code <think>...</think>} reasoning from the answer inside streamed content. A tag can be
 * split over chunks ("<thi", "nk>"), so a tail that could still become a tag is held back until the next chunk
 * decides; tags themselves are never emitted.
 */
final class ThinkTagSplitter {

    record Piece(boolean thinking, String text) {
    }

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private final StringBuilder pending = new StringBuilder();
    private boolean inside;

    List<Piece> feed(String text) {
        pending.append(text);
        List<Piece> pieces = new ArrayList<>();
        while (true) {
            String tag = inside ? CLOSE : OPEN;
            int at = pending.indexOf(tag);
            if (at >= 0) {
                emit(pieces, pending.substring(0, at));
                pending.delete(0, at + tag.length());
                inside = !inside;
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
        }
    }
}
