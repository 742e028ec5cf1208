package org.jouleboard.leaderboard.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Writes flat records as RFC 4180 CSV: a header of the record's component names, then one line per record.
 * Unknown (null) values are empty fields, never 0. Text that could start a formula is neutralised. Numbers use Java's shortest round-tripping form, so
 * reading a file back gives the same doubles.
 */
public final class Csv {

    private Csv() {}

    public static <R extends Record> String write(Class<R> type, List<R> records) {
        StringBuilder out = new StringBuilder();
        Rows<R> rows = rows(type, out);
        records.forEach(rows::add);
        return out.toString();
    }

    /**
     * Writes the header to {@code out} now and then each record given to the result as it comes, so that a
     * long export never exists as one string.
     */
    public static <R extends Record> Rows<R> rows(Class<R> type, Appendable out) {
        Rows<R> rows = new Rows<>(type.getRecordComponents(), out);
        rows.header();
        return rows;
    }

    /** The lines of one CSV after its header. */
    public static final class Rows<R extends Record> {

        private final RecordComponent[] components;
        private final Appendable out;

        private Rows(RecordComponent[] components, Appendable out) {
            this.components = components;
            this.out = out;
        }

        private void header() {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < components.length; i++) {
                line.append(i == 0 ? "" : ",").append(components[i].getName());
            }
            append(line.append("\r\n"));
        }

        public void add(R record) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < components.length; i++) {
                line.append(i == 0 ? "" : ",").append(field(read(components[i], record)));
            }
            append(line.append("\r\n"));
        }

        private void append(CharSequence line) {
            try {
                out.append(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    /**
     * A text cell that a spreadsheet would read as a formula (=, +, -, @, tab or carriage return first) gets a
     * leading apostrophe. Model and host names come from hosts and admins; numbers are written as numbers, so a
     * negative figure stays a number.
     */
    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof CharSequence chars ? neutralised(chars.toString()) : value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
