package org.jouleboard.leaderboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV text cells that a spreadsheet would run as formulas are neutralised; numbers stay numbers. */
class CsvTest {

    record Row(String model, String host, Double joules, Integer delta, Boolean simulated) {}

    @Test
    void textCellsStartingAFormulaGetAnApostropheNumbersDoNot() {
        String csv = Csv.write(
                Row.class,
                List.of(
                        new Row("=HYPERLINK(\"http://evil\",\"x\")", "+gpu", -3.5, -2, false),
                        new Row("-1+1", "@SUM(A1)", 0.25, 7, true),
                        new Row("\tcmd", "\rline", null, null, null),
                        new Row("llama3.2:3b", "gpu-box", 1e-3, 0, false)));

        assertThat(csv.split("\r\n", -1))
                .containsExactly(
                        "model,host,joules,delta,simulated",
                        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'+gpu,-3.5,-2,false",
                        "'-1+1,'@SUM(A1),0.25,7,true",
                        "'\tcmd,\"'\rline\",,,",
                        "llama3.2:3b,gpu-box,0.001,0,false",
                        "");
    }
}
