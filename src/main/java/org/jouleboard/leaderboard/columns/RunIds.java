package org.jouleboard.leaderboard.columns;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The ids of the runs behind a row, as a list of longs stored unboxed: a row at a million runs holds tens of
 * thousands, which as {@code Long} objects cost three times the memory. The hash is computed once, because
 * the grid and the charts hash their rows.
 */
public final class RunIds extends AbstractList<Long> implements RandomAccess {

    private final long[] ids;
    private int hash;

    public RunIds(long[] ids) {
        this.ids = ids;
    }

    @Override
    public Long get(int index) {
        return ids[index];
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public int hashCode() {
        if (hash == 0) {
            hash = super.hashCode();
        }
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof RunIds those) {
            return this == those || (hashCode() == those.hashCode() && Arrays.equals(ids, those.ids));
        }
        return super.equals(other);
    }
}
