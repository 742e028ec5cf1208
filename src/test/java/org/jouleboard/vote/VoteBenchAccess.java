package org.jouleboard.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jouleboard.experiment.run.RunFacts;

/** Test-only door for the rating benchmark in vote.bench. */
public final class VoteBenchAccess {

    private VoteBenchAccess() {}

    /** Ratings of the given runs from votes: pair i is (low[i], high[i]); lowScore null is both-bad. */
    public static List<PreferenceRating> ratings(Map<Long, RunFacts> runs, long[] low, long[] high, Double[] lowScore) {
        List<VoteStore.StoredVote> votes = new ArrayList<>(low.length);
        for (int i = 0; i < low.length; i++) {
            votes.add(new VoteStore.StoredVote(i, low[i], high[i], lowScore[i]));
        }
        return VoteService.ratings(runs, votes);
    }
}
