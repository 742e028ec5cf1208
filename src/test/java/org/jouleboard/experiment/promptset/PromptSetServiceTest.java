package org.jouleboard.experiment.promptset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jouleboard.experiment.ExperimentException;
import org.jouleboard.experiment.PromptInput;
import org.jouleboard.experiment.grading.ExpectedAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Prompt sets are shared with the team; only their creator or an admin deletes one, built-in ones never. */
@SpringBootTest
class PromptSetServiceTest {

    @Autowired
    PromptSetService promptSets;

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyoneSeesASavedSetOnlyItsCreatorOrAnAdminDeletesIt() {
        login("carla", "USER");
        PromptSetSummary saved = promptSets.save(
                "carla's set",
                null,
                List.of(
                        new PromptInput("One?", new ExpectedAnswer(ExpectedAnswer.Kind.CONTAINS, "1")),
                        new PromptInput("  ", null)));
        assertThat(saved.prompts()).as("blank prompts are not kept").isEqualTo(1);

        login("dan", "USER");
        assertThat(promptSets.promptSets()).contains(saved);
        assertThat(promptSets.prompts(saved.id()))
                .singleElement()
                .satisfies(p -> assertThat(p.expected().value()).isEqualTo("1"));
        assertThatThrownBy(() -> promptSets.delete(saved.id()))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("carla or an admin");

        login("boss", "USER", "ADMIN");
        promptSets.delete(saved.id());
        assertThat(promptSets.promptSets()).extracting(PromptSetSummary::name).doesNotContain("carla's set");
    }

    @Test
    void builtInSetsCannotBeDeletedAndNamesAreUnique() {
        login("boss", "USER", "ADMIN");
        PromptSetSummary builtIn = promptSets.promptSets().stream()
                .filter(PromptSetSummary::builtIn)
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> promptSets.delete(builtIn.id())).hasMessageContaining("Built-in");
        assertThatThrownBy(
                        () -> promptSets.save(builtIn.name().toUpperCase(), null, List.of(new PromptInput("x", null))))
                .hasMessageContaining("exists already");
    }

    /** The same prompt limits as an experiment (8000 characters, 200 prompts by default), refused whole. */
    @Test
    void aPromptSetHasTheSameLimitsAsAnExperiment() {
        login("erin", "USER");
        List<PromptInput> tooMany = java.util.stream.IntStream.rangeClosed(1, 201)
                .mapToObj(i -> new PromptInput("Prompt " + i + "?", null))
                .toList();
        assertThatThrownBy(() -> promptSets.save("too many", null, tooMany))
                .isInstanceOf(ExperimentException.class)
                .hasMessage("A prompt set can have at most 200 prompts (this one has 201).");
        assertThatThrownBy(() -> promptSets.save(
                        "too long",
                        null,
                        List.of(new PromptInput("ok", null), new PromptInput("x".repeat(8001), null))))
                .isInstanceOf(ExperimentException.class)
                .hasMessage("Prompt 2 has 8001 characters; the limit is 8000.");
        assertThatThrownBy(() ->
                        promptSets.save("long description", "d".repeat(2001), List.of(new PromptInput("ok", null))))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("at most 2000 characters");
        assertThat(promptSets.promptSets())
                .extracting(PromptSetSummary::name)
                .doesNotContain("too many", "too long", "long description");
        assertThat(promptSets
                        .save("just right", "d".repeat(2000), tooMany.subList(0, 200))
                        .prompts())
                .isEqualTo(200);
    }

    private static void login(String name, String... roles) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        name,
                        null,
                        java.util.Arrays.stream(roles)
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                                .toList()));
    }
}
