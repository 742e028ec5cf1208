package org.jouleboard.leaderboard.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jouleboard.base.Joules;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    record Model(String name, Joules joules, double accuracy) {}

    @Test
    void keepsTheModelsNoOtherBeatsOnBothEnergyAndAccuracy() {
        Model tiny = model("tiny", 200, 0.40);
        Model small = model("small", 500, 0.70);
        Model wasteful = model("wasteful", 900, 0.65); // small is cheaper and more accurate
        Model big = model("big", 2000, 0.90);
        Model sameAsSmallButWorse = model("same energy as small", 500, 0.60);
        Model reasoning = model("reasoning", 5000, 0.90); // as accurate as big, more energy

        List<Model> front = ParetoFront.of(
                List.of(reasoning, wasteful, big, tiny, sameAsSmallButWorse, small), Model::joules, Model::accuracy);

        assertThat(front).containsExactly(tiny, small, big);
    }

    @Test
    void exactTiesStayTogetherOnTheFront() {
        Model one = model("one", 300, 0.8);
        Model twin = model("twin", 300, 0.8);

        assertThat(ParetoFront.of(List.of(one, twin), Model::joules, Model::accuracy))
                .containsExactly(one, twin);
    }

    @Test
    void emptyInputGivesAnEmptyFront() {
        assertThat(ParetoFront.of(List.<Model>of(), Model::joules, Model::accuracy))
                .isEmpty();
    }

    @Test
    void agreesWithTheDefinitionOnRandomBoards() {
        Random random = new Random(5);
        for (int board = 0; board < 200; board++) {
            List<Model> models = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // Coarse grids make ties on either axis common.
                models.add(model("m" + i, 100 * (1 + random.nextInt(6)), random.nextInt(5) / 4.0));
            }

            List<Model> front = ParetoFront.of(models, Model::joules, Model::accuracy);

            List<Model> expected = models.stream()
                    .filter(m -> models.stream().noneMatch(o -> dominates(o, m)))
                    .toList();
            assertThat(front).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void unknownAccuracyIsNotAcceptedAsANumber() {
        assertThatThrownBy(() -> ParetoFront.of(List.of(model("x", 1, Double.NaN)), Model::joules, Model::accuracy))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean dominates(Model o, Model m) {
        boolean noWorse = o.joules().value() <= m.joules().value() && o.accuracy() >= m.accuracy();
        boolean better = o.joules().value() < m.joules().value() || o.accuracy() > m.accuracy();
        return noWorse && better;
    }

    private static Model model(String name, double joules, double accuracy) {
        return new Model(name, new Joules(joules), accuracy);
    }
}
