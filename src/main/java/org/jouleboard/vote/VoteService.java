package org.jouleboard.vote;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jouleboard.base.Caller;
import org.jouleboard.base.RunPrivacy;
import org.jouleboard.experiment.run.RunAnswer;
import org.jouleboard.experiment.run.RunFacts;
import org.jouleboard.experiment.run.RunFactsService;
import org.jouleboard.experiment.run.RunFilter;
import org.jouleboard.user.Role;
import org.jouleboard.vote.Pairing.PairKey;
import org.jouleboard.vote.Pairing.Row;
import org.jouleboard.vote.VoteStore.StoredVote;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Blind votes on pairs of answers and the preference ratings they give. Only rankable runs
 * ({@link RunFactsService}: finished, not flagged, known GPU energy) with a non-empty answer take part, and
 * real and simulated answers never meet. Which answers a voter is shown follows {@code jouleboard.privacy}:
 * {@code owner} (default) shows a non-admin only their own runs' answers, {@code team} everyone's.
 */
@Service
public class VoteService {

    /** Virtual half-won games against the reference per row (see {@link BradleyTerry}). */
    static final double PRIOR = 1.0;

    static final int MAX_LIST = 500;

    private final RunFactsService facts;
    private final VoteStore store;
    private final Clock clock;
    private final RunPrivacy privacy;
    private final VotableRuns runs;

    VoteService(RunFactsService facts, VoteStore store, Clock clock, RunPrivacy privacy, VotableRuns runs) {
        this.facts = facts;
        this.runs = runs;
        this.store = store;
        this.clock = clock;
        this.privacy = privacy;
    }

    /**
     * Two answers to the same prompt for the caller to judge, or empty when none is left for them. The pair is
     * chosen from the runs held in memory ({@link VotableRuns}); only the two answers shown are read.
     */
    @PermitAll
    public Optional<VotePair> next(RunFilter filter) {
        Authentication caller = caller();
        for (int attempt = 0; ; attempt++) {
            Pairing.Pool pool = runs.current().pool(filter, owner -> privacy.showsText(caller, owner));
            List<PairKey> voted = store.all().stream()
                    .map(v -> new PairKey(v.low(), v.high()))
                    .toList();
            Optional<Pairing.Pick> pick =
                    Pairing.pick(pool, voted, store.pairsVotedBy(caller.getName()), ThreadLocalRandom.current());
            if (pick.isEmpty()) {
                return Optional.empty();
            }
            long a = pick.get().a().runId();
            long b = pick.get().b().runId();
            if (facts.answered(List.of(a, b)).size() == 2) {
                Map<Long, String> texts = facts.answerTexts(List.of(a, b));
                return Optional.of(new VotePair(
                        pick.get().a().prompt(),
                        new VotePair.Answer(a, texts.getOrDefault(a, "")),
                        new VotePair.Answer(b, texts.getOrDefault(b, ""))));
            }
            if (attempt > 0) {
                return Optional.empty();
            }
            // Held runs do not change once FINISHED; one that did anyway (stored again as not rankable) is not
            // seen by reading what finished since: read everything again.
            runs.reset();
        }
    }

    /**
     * Stores the caller's verdict on answers {@code a} (shown left) and {@code b} and reveals who gave them.
     *
     * @throws VoteException INVALID for a pair that may not be voted on, DUPLICATE for a second vote on it
     */
    @PermitAll
    public VoteResult vote(long a, long b, @Nullable Choice choice) {
        Authentication caller = caller();
        if (choice == null) {
            throw new VoteException(VoteException.Kind.INVALID, "Choose A, B, TIE or BOTH_BAD.");
        }
        if (a == b) {
            throw new VoteException(VoteException.Kind.INVALID, "A vote needs two different answers.");
        }
        Map<Long, RunFacts> runs = new HashMap<>();
        facts.rankable(List.of(a, b)).forEach(run -> runs.put(run.id(), run));
        Map<Long, RunAnswer> answers = facts.answered(List.of(a, b));
        if (runs.size() != 2 || answers.size() != 2) {
            throw new VoteException(
                    VoteException.Kind.INVALID, "Both runs must be finished, unflagged answers with measured energy.");
        }
        RunAnswer answerA = answers.get(a);
        RunAnswer answerB = answers.get(b);
        RunFacts ra = runs.get(a);
        RunFacts rb = runs.get(b);
        if (answerA == null || answerB == null || ra == null || rb == null) {
            throw new VoteException(
                    VoteException.Kind.INVALID, "Both runs must be finished, unflagged answers with measured energy.");
        }
        if (!mayRead(caller, answerA) || !mayRead(caller, answerB)) {
            throw new VoteException(VoteException.Kind.INVALID, "You may not see one of these answers.");
        }
        if (!answerA.promptText().equals(answerB.promptText())) {
            throw new VoteException(VoteException.Kind.INVALID, "The two answers are to different prompts.");
        }
        if (ra.simulated() != rb.simulated()) {
            throw new VoteException(VoteException.Kind.INVALID, "Simulated answers are only compared with each other.");
        }
        if (row(ra).equals(row(rb))) {
            throw new VoteException(
                    VoteException.Kind.INVALID, "Both answers come from the same model, think setting and host.");
        }
        PairKey pair = PairKey.of(a, b);
        long id;
        try {
            id = store.insert(caller.getName(), pair, pair.low() == a, choice, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new VoteException(VoteException.Kind.DUPLICATE, "You already voted on these two answers.");
        }
        return new VoteResult(id, choice, reveal(ra), reveal(rb));
    }

    /** Removes a vote (for example one cast by mistake or in bad faith). Admins only. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void delete(long voteId) {
        requireAdmin();
        if (!store.delete(voteId)) {
            throw new VoteException(VoteException.Kind.NOT_FOUND, "No vote " + voteId + ".");
        }
    }

    /** The latest votes, voters included, for admins to review. */
    @RolesAllowed(Role.ADMIN_NAME)
    public List<VoteRecord> recent(int limit) {
        requireAdmin();
        return store.recent(Math.max(1, Math.min(limit, MAX_LIST)));
    }

    /**
     * Preference ratings of every row with votes between runs the filter ranks; voters are not part of them.
     * Both-bad votes count as votes and for the energy but not in the fit or the win rate: they say nothing
     * about which answer was better.
     */
    @PermitAll
    public List<PreferenceRating> ratings(RunFilter filter) {
        List<StoredVote> all = store.all();
        Map<Long, RunFacts> runs = voted(filter, all);
        List<StoredVote> votes = all.stream()
                .filter(v -> runs.containsKey(v.low()) && runs.containsKey(v.high()))
                .toList();
        return ratings(runs, votes);
    }

    /** Model B against model A over the votes that showed one answer of each, or empty without such votes. */
    @PermitAll
    public Optional<PreferenceComparison> compare(String modelA, String modelB, RunFilter filter) {
        List<StoredVote> all = store.all();
        Map<Long, RunFacts> runs = voted(filter, all);
        List<Double> scoresB = new ArrayList<>();
        double joulesA = 0;
        double joulesB = 0;
        int votes = 0;
        for (StoredVote v : all) {
            RunFacts low = runs.get(v.low());
            RunFacts high = runs.get(v.high());
            if (low == null || high == null) {
                continue;
            }
            RunFacts inA;
            RunFacts inB;
            @Nullable Double scoreB;
            Double lowScore = v.lowScore();
            if (low.model().equals(modelA) && high.model().equals(modelB)) {
                inA = low;
                inB = high;
                scoreB = lowScore == null ? null : 1 - lowScore;
            } else if (low.model().equals(modelB) && high.model().equals(modelA)) {
                inA = high;
                inB = low;
                scoreB = lowScore;
            } else {
                continue;
            }
            votes++;
            joulesA += inA.gross().value();
            joulesB += inB.gross().value();
            if (scoreB != null) {
                scoresB.add(scoreB);
            }
        }
        if (scoresB.isEmpty()) {
            return Optional.empty();
        }
        double[] scores = scoresB.stream().mapToDouble(Double::doubleValue).toArray();
        double[] interval = meanInterval(scores);
        return Optional.of(new PreferenceComparison(
                modelA,
                modelB,
                votes,
                scores.length,
                Arrays.stream(scores).average().orElseThrow(),
                interval[0],
                interval[1],
                joulesA > 0 ? joulesB / joulesA - 1 : null,
                filter.simulated()));
    }

    static List<PreferenceRating> ratings(Map<Long, RunFacts> runs, List<StoredVote> votes) {
        TreeMap<Row, Integer> index = new TreeMap<>(Row.ORDER);
        for (StoredVote v : votes) {
            index.putIfAbsent(row(known(runs, v.low())), 0);
            index.putIfAbsent(row(known(runs, v.high())), 0);
        }
        List<Row> rows = new ArrayList<>(index.keySet());
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i), i);
        }
        int k = rows.size();
        BradleyTerry model = new BradleyTerry(k);
        int[] counts = new int[model.cells()];
        int[] voteCells = new int[votes.size()];
        int decidedVotes = 0;
        int[] seen = new int[k];
        int[] decided = new int[k];
        double[] wins = new double[k];
        double[] joules = new double[k];
        for (StoredVote v : votes) {
            RunFacts low = known(runs, v.low());
            RunFacts high = known(runs, v.high());
            int i = Objects.requireNonNull(index.get(row(low)));
            int j = Objects.requireNonNull(index.get(row(high)));
            if (i == j) {
                continue;
            }
            seen[i]++;
            seen[j]++;
            joules[i] += low.gross().value();
            joules[j] += high.gross().value();
            Double lowScore = v.lowScore();
            if (lowScore != null) {
                int cell = model.cell(i, j, lowScore);
                counts[cell]++;
                voteCells[decidedVotes++] = cell;
                decided[i]++;
                decided[j]++;
                wins[i] += lowScore;
                wins[j] += 1 - lowScore;
            }
        }
        double[] strength = model.fitFast(counts, PRIOR, null, BradleyTerry.TOLERANCE);
        double[][] bounds =
                model.intervals(Arrays.copyOf(voteCells, decidedVotes), PRIOR, strength, BradleyTerry.RESAMPLES);
        List<PreferenceRating> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Row row = rows.get(i);
            boolean rated = decided[i] > 0;
            out.add(new PreferenceRating(
                    row.model(),
                    row.think(),
                    row.host(),
                    seen[i],
                    rated ? wins[i] / decided[i] : null,
                    rated ? BradleyTerry.rating(strength[i]) : null,
                    rated ? bounds[0][i] : null,
                    rated ? bounds[1][i] : null,
                    wins[i] > 0 ? joules[i] / wins[i] : null));
        }
        return out;
    }

    /** The run a vote names; {@code runs} holds every run of the votes given with it. */
    private static RunFacts known(Map<Long, RunFacts> runs, long id) {
        RunFacts run = runs.get(id);
        if (run == null) {
            throw new IllegalArgumentException("No facts for voted run " + id);
        }
        return run;
    }

    /** Percentile bootstrap of a mean, fixed seed. */
    private static double[] meanInterval(double[] values) {
        SplittableRandom random = new SplittableRandom(BradleyTerry.SEED);
        int resamples = 1000;
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int k = 0; k < values.length; k++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / values.length;
        }
        Arrays.sort(means);
        return new double[] {
            means[(int) Math.floor(0.025 * (resamples - 1))], means[(int) Math.ceil(0.975 * (resamples - 1))]
        };
    }

    private boolean mayRead(Authentication caller, RunAnswer answer) {
        return privacy.showsText(caller, answer.owner());
    }

    private static RevealedAnswer reveal(RunFacts run) {
        return new RevealedAnswer(
                run.id(),
                run.model(),
                run.think(),
                run.host(),
                run.simulated(),
                run.energy().gross(),
                run.energy().method(),
                run.energy().provenance());
    }

    static Row row(RunFacts run) {
        return new Row(run.model(), run.think(), run.host());
    }

    /** The filter's runs that votes name: only those rows are read, however many runs the filter ranks. */
    private Map<Long, RunFacts> voted(RunFilter filter, List<StoredVote> votes) {
        if (votes.isEmpty()) {
            return Map.of();
        }
        return byId(facts.finished(
                filter,
                votes.stream().flatMap(v -> Stream.of(v.low(), v.high())).toList()));
    }

    private static Map<Long, RunFacts> byId(List<RunFacts> runs) {
        Map<Long, RunFacts> map = new HashMap<>();
        runs.forEach(run -> map.put(run.id(), run));
        return map;
    }

    private static Authentication caller() {
        Authentication caller = Caller.current();
        if (caller == null || !caller.isAuthenticated()) {
            throw new AccessDeniedException("Sign in to vote.");
        }
        return caller;
    }

    private static void requireAdmin() {
        if (!Caller.isAdmin(Caller.current())) {
            throw new AccessDeniedException("Only admins may do this.");
        }
    }
}
