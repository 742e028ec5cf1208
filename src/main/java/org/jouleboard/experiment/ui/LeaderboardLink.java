package org.jouleboard.experiment.ui;

import com.vaadin.flow.component.html.Anchor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jouleboard.experiment.ExperimentSummary;

/**
 * A link from an experiment to the leaderboard's comparison of its first two models, as the board rows its
 * runs land in (model · the experiment's think setting · its host). Written as the leaderboard's URL
 * parameters (a/aThink/aHost, b/bThink/bHost, simulated) rather than through its view class: the leaderboard
 * module reads this one, so this one must not depend on it.
 */
final class LeaderboardLink {

    private LeaderboardLink() {}

    /** Empty with fewer than two models. */
    static Optional<String> href(ExperimentSummary experiment, List<String> models) {
        List<String> distinct = models.stream().distinct().toList();
        if (distinct.size() < 2) {
            return Optional.empty();
        }
        String think = experiment.think().toUpperCase(Locale.ROOT);
        String host = encode(experiment.hostName());
        return Optional.of("leaderboard?" + (experiment.simulated() ? "simulated=true&" : "")
                + "a=" + encode(distinct.get(0)) + "&aThink=" + think + "&aHost=" + host
                + "&b=" + encode(distinct.get(1)) + "&bThink=" + think + "&bHost=" + host);
    }

    /** The link, hidden while the experiment has fewer than two models. */
    static void update(Anchor anchor, ExperimentSummary experiment, List<String> models) {
        Optional<String> href = href(experiment, models);
        anchor.setVisible(href.isPresent());
        href.ifPresent(value -> {
            anchor.setHref(value);
            anchor.setText("Compare "
                    + models.stream()
                            .distinct()
                            .limit(2)
                            .reduce((a, b) -> b + " with " + a)
                            .orElse("") + " on the leaderboard");
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
