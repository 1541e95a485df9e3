package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.web.CsvExport.Column;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvExportTest {
    private static final Labels ENGLISH = Labels.of(Labels.ENGLISH, ZoneId.of("Asia/Shanghai"));

    record Row(String name, int points, Optional<String> reason, Instant at) {
    }

    private static final List<Column<Row>> COLUMNS = List.of(Column.of("anchor.name", Row::name),
            Column.of("violation.points", Row::points), Column.of("ledger.reason", Row::reason),
            Column.time("ledger.time", Row::at));

    @Test
    void aBomTheHeaderInTheVisitorsLanguageAndRfc4180Rows() throws IOException {
        Row row = new Row("米娅 \"Mia\", the 1st", -6, Optional.empty(), Instant.parse("2024-04-30T22:03:07Z"));
        String csv = written(COLUMNS, single(List.of(row)));
        assertEquals("\uFEFFName,Points,Reason,Time (Asia/Shanghai)\r\n"
                + "\"米娅 \"\"Mia\"\", the 1st\",-6,,2024-05-01 06:03:07\r\n", csv,
                "quotes doubled inside a quoted cell; a number stays a number, even a negative one");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsNeutralised() throws IOException {
        List<String> names = List.of("=HYPERLINK(\"https://evil.example\",\"open\")", "+1+2", "-2+3", "@SUM(A1:A9)",
                "\tcmd", "\r=1", "a=1", "-", "");
        String csv = written(COLUMNS, single(names.stream()
                .map(name -> new Row(name, 0, Optional.of(name), Instant.EPOCH)).toList()));
        List<String> expected = List.of("'=HYPERLINK(\"https://evil.example\",\"open\")", "'+1+2", "'-2+3",
                "'@SUM(A1:A9)", "'\tcmd", "'\r=1", "a=1", "'-", "");
        List<List<String>> rows = parsed(csv).subList(1, names.size() + 1);
        assertEquals(expected, rows.stream().map(row -> row.get(0)).toList());
        assertEquals(expected, rows.stream().map(row -> row.get(2)).toList(), "an optional cell as well");
    }

    @Test
    void eachPageIsWrittenBeforeTheNextIsRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> rowsWrittenWhenAsked = new ArrayList<>();
        Function<PageRequest, Page<Row>> pages = request -> {
            rowsWrittenWhenAsked.add((int) out.toString(StandardCharsets.UTF_8).lines().count() - 1);
            int from = Integer.parseInt(request.after().orElse("0"));
            int to = Math.min(from + request.size(), 1_200);
            return new Page<>(IntStream.range(from, to).mapToObj(i -> new Row("anchor " + i, i, Optional.empty(),
                    Instant.EPOCH)).toList(), to < 1_200 ? Optional.of(String.valueOf(to)) : Optional.empty());
        };
        CsvExport.write(out, ENGLISH, COLUMNS, pages.apply(PageRequest.first(CsvExport.PAGE_SIZE)), pages);
        assertEquals(List.of(-1, 500, 1_000), rowsWrittenWhenAsked,
                "the first page before the header; each next one once the previous page has gone out");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1_201, lines.size());
        assertEquals("anchor 1199,1199,,1970-01-01 08:00:00", lines.get(1_200));
    }

    @Test
    void aFailureAfterTheFirstPageEndsTheFileWithARowThatSaysSo() throws IOException {
        Page<Row> first = new Page<>(List.of(new Row("mia", 1, Optional.empty(), Instant.EPOCH)), Optional.of("1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(out, ENGLISH, COLUMNS, first, request -> {
            throw new StoreUnavailableException("down", new RuntimeException());
        });
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("The export stopped here"), lines.get(2));
    }

    @Test
    void aFileNameKeepsToSafeCharacters() {
        assertEquals("mia.2-violations.csv", CsvExport.fileName("mia.2", "violations"));
        assertEquals("___-members.csv", CsvExport.fileName("\"\r\n", "members"));
    }

    /** The cells of each row, as a CSV reader reads them. */
    private static List<List<String>> parsed(String csv) throws IOException {
        try (MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(csv.substring(1))) {
            return rows.readAll().stream().map(List::of).toList();
        }
    }

    private static Function<PageRequest, Page<Row>> single(List<Row> rows) {
        return request -> new Page<>(rows, Optional.empty());
    }

    private static String written(List<Column<Row>> columns, Function<PageRequest, Page<Row>> pages)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(out, ENGLISH, columns, pages.apply(PageRequest.first(CsvExport.PAGE_SIZE)), pages);
        return out.toString(StandardCharsets.UTF_8);
    }
}
