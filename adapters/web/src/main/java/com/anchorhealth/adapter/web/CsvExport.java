package com.anchorhealth.adapter.web;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A list of the console as a CSV file to download: UTF-8 with a byte order mark (without it,
 * spreadsheet programs read the Chinese as another encoding), RFC 4180 quoting and CRLF line ends,
 * one header row in the visitor's language, then the rows, read page after page from the use case
 * and written as each page comes, so that a list of any length costs one page of memory.
 *
 * <p>A text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return gets a leading {@code '}: spreadsheet programs would run it as a formula, and names,
 * statements and reasons are the callers' text. Numbers are written as numbers.
 */
final class CsvExport {
    /** Rows read from the use case at a time. */
    static final int PAGE_SIZE = 500;
    private static final Logger LOG = Logger.getLogger(CsvExport.class.getName());
    /** Quotes a cell only when RFC 4180 needs it (a comma, a quote, a line break), not for every space. */
    private static final CsvFactory CSV = CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    /** Rows of cells without a fixed schema, ended as RFC 4180 asks. */
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvExport() {
    }

    /**
     * One column: its header's label and its cell from an item. A cell is text, a number, an
     * instant (written in the platform's zone, which the header then names), or an optional of one.
     */
    record Column<T>(String headerKey, boolean time, BiFunction<Labels, T, Object> cell) {
        static <T> Column<T> of(String headerKey, BiFunction<Labels, T, Object> cell) {
            return new Column<>(headerKey, false, cell);
        }

        static <T> Column<T> of(String headerKey, Function<T, Object> cell) {
            return new Column<>(headerKey, false, (labels, item) -> cell.apply(item));
        }

        static <T> Column<T> time(String headerKey, Function<T, Instant> at) {
            return new Column<>(headerKey, true, (labels, item) -> at.apply(item));
        }

        String header(Labels labels) {
            return time ? labels.t("export.time-header", labels.t(headerKey), labels.zone()) : labels.t(headerKey);
        }
    }

    /**
     * Answers with the list as an attachment named {@code fileName}. The first page is read before
     * anything is sent, so that a refusal (no such anchor) is still an error page; a failure after
     * that ends the file with a row that says it is incomplete.
     */
    static <T> void send(Context ctx, String fileName, List<Column<T>> columns,
                         Function<PageRequest, Page<T>> pages) {
        Page<T> first = pages.apply(PageRequest.first(PAGE_SIZE));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try {
            write(ctx.outputStream(), Console.labels(ctx), columns, first, pages);
        } catch (IOException e) {
            // The browser went away: nothing is left to tell it.
            LOG.log(Level.FINE, "export " + fileName + " not sent whole", e);
        }
    }

    /** Writes the BOM, the header row, the first page's rows and then every following page's. */
    static <T> void write(OutputStream out, Labels labels, List<Column<T>> columns, Page<T> first,
                          Function<PageRequest, Page<T>> pages) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CsvGenerator csv = CSV.createGenerator(writer)) {
            csv.setSchema(ROWS);
            csv.writeRaw(BYTE_ORDER_MARK);
            csv.writeStartArray();
            for (Column<T> column : columns) {
                csv.writeString(neutralised(column.header(labels)));
            }
            csv.writeEndArray();
            Page<T> page = first;
            while (true) {
                for (T item : page.items()) {
                    csv.writeStartArray();
                    for (Column<T> column : columns) {
                        cell(csv, labels, column.cell().apply(labels, item));
                    }
                    csv.writeEndArray();
                }
                // Each page leaves as soon as it is written.
                csv.flush();
                if (page.nextAfter().isEmpty()) {
                    return;
                }
                try {
                    page = pages.apply(new PageRequest(PAGE_SIZE, page.nextAfter()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "an export failed after its first page", e);
                    csv.writeStartArray();
                    csv.writeString(labels.t("export.incomplete"));
                    csv.writeEndArray();
                    return;
                }
            }
        }
    }

    private static void cell(CsvGenerator csv, Labels labels, Object value) throws IOException {
        Object plain = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (plain == null) {
            csv.writeString("");
        } else if (plain instanceof Integer || plain instanceof Long) {
            csv.writeNumber(((Number) plain).longValue());
        } else if (plain instanceof Instant instant) {
            csv.writeString(labels.plainTime(instant));
        } else {
            csv.writeString(neutralised(plain.toString()));
        }
    }

    /** The text with a leading {@code '} where a spreadsheet program would read a formula. */
    static String neutralised(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** A file name of letters, digits, dots, dashes and underscores only, whatever the id holds. */
    static String fileName(String... parts) {
        return String.join("-", parts).replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
    }
}
