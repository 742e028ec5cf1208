package org.jouleboard.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jouleboard.inference.Think;
import org.jouleboard.leaderboard.CompareSide;
import org.jouleboard.leaderboard.LeaderboardService;
import org.jouleboard.leaderboard.export.Csv;
import org.jouleboard.leaderboard.export.ExportedComparison;
import org.jouleboard.leaderboard.export.ExportedRow;
import org.jouleboard.leaderboard.export.ExportedRun;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leaderboard as JSON and CSV, the runs behind it, and pairwise comparisons. Same filters everywhere
 * ({@link BoardQuery}): {@code promptSet} (id), {@code host}, {@code think} (ON, OFF, DEFAULT),
 * {@code from}/{@code to} (ISO days, UTC, inclusive), {@code graded=true} (only graded runs),
 * {@code simulated=true} (the SIMULATED board, never mixed with real runs). Authenticated users only
 * (session or HTTP Basic), see SecurityConfig. Unknown figures are null in JSON and empty in CSV.
 */
@RestController
class LeaderboardApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final LeaderboardService board;
    private final JsonMapper json;

    LeaderboardApi(LeaderboardService board, JsonMapper json) {
        this.board = board;
        this.json = json;
    }

    @GetMapping("/api/leaderboard")
    List<ExportedRow> leaderboard(BoardQuery query) {
        return board.entries(query.filter());
    }

    @GetMapping("/api/leaderboard.csv")
    ResponseEntity<String> leaderboardCsv(BoardQuery query) {
        return csv(
                query.isSimulated() ? "leaderboard-SIMULATED.csv" : "leaderboard.csv",
                Csv.write(ExportedRow.class, board.entries(query.filter())));
    }

    /** The runs streamed as a JSON array while they are read: a million runs are never held at once. */
    @GetMapping("/api/leaderboard/runs")
    void runs(BoardQuery query, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (SequenceWriter array = json.writer().writeValuesAsArray(response.getOutputStream())) {
            board.exportRuns(query.filter(), array::write);
        }
    }

    /** The runs streamed as CSV while they are read. */
    @GetMapping("/api/leaderboard/runs.csv")
    void runsCsv(BoardQuery query, HttpServletResponse response) throws IOException {
        response.setContentType(CSV.toString());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, attachment(query.isSimulated() ? "runs-SIMULATED.csv" : "runs.csv"));
        try (Writer out =
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            Csv.Rows<ExportedRun> rows = Csv.rows(ExportedRun.class, out);
            board.exportRuns(query.filter(), rows::add);
        }
    }

    /**
     * Side b against side a, paired by prompt text, under the same filters. {@code a} and {@code b} are model
     * names; alone they pool every think setting and host of the model (as this endpoint always did).
     * {@code aThink}/{@code aHost} and {@code bThink}/{@code bHost} narrow a side; with both it is exactly one
     * board row, so one model's ON and OFF rows can be compared.
     */
    @GetMapping("/api/compare")
    ExportedComparison compare(
            @RequestParam String a,
            @RequestParam String b,
            @RequestParam(required = false) Think aThink,
            @RequestParam(required = false) String aHost,
            @RequestParam(required = false) Think bThink,
            @RequestParam(required = false) String bHost,
            BoardQuery query) {
        return board.compare(side(a, aThink, aHost), side(b, bThink, bHost), query.filter())
                .entry();
    }

    private static CompareSide side(String model, Think think, String host) {
        return new CompareSide(model, think, host == null || host.isBlank() ? null : host);
    }

    private static ResponseEntity<String> csv(String fileName, String body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName))
                .body(body);
    }

    private static String attachment(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }
}
