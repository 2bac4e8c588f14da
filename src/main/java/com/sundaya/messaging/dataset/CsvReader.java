package com.sundaya.messaging.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: comma-separated, {@code "}-quoted fields with {@code ""} escapes and embedded line breaks,
 * any of CRLF, LF or CR between records.
 * <p>
 * Hand-written rather than Commons CSV because commons-csv 1.14.1 needs commons-io 2.20 while the Kafka broker
 * jars put commons-io 2.14 first on the class path, where Commons CSV fails with {@code NoSuchMethodError}.
 * The format is small enough that owning it is cheaper than fighting that conflict.
 */
final class CsvReader {

    /** One record and the 1-based line it starts on. */
    record Line(int number, List<String> fields) {
        boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    /** A syntax error, with the line it was found on. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        Malformed(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    private CsvReader(String text) {
        this.text = text;
    }

    static List<Line> read(String text) {
        return new CsvReader(text).records();
    }

    private List<Line> records() {
        List<Line> out = new ArrayList<>();
        while (pos < text.length()) {
            int start = line;
            List<String> fields = new ArrayList<>();
            do {
                fields.add(pos < text.length() && text.charAt(pos) == '"' ? quoted() : plain());
            } while (consumeComma());
            endOfRecord();
            out.add(new Line(start, fields));
        }
        return out;
    }

    private String plain() {
        int from = pos;
        while (pos < text.length() && !isBreak(text.charAt(pos)) && text.charAt(pos) != ',') {
            pos++;
        }
        return text.substring(from, pos);
    }

    private String quoted() {
        int startLine = line;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw new Malformed(startLine, "has a quoted field that is never closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    sb.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            if (c == '\n' || (c == '\r' && (pos >= text.length() || text.charAt(pos) != '\n'))) {
                line++;
            }
            sb.append(c);
        }
        if (pos < text.length() && text.charAt(pos) != ',' && !isBreak(text.charAt(pos))) {
            throw new Malformed(line, "has text after the closing quote of a field");
        }
        return sb.toString();
    }

    private boolean consumeComma() {
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private void endOfRecord() {
        if (pos >= text.length()) {
            return;
        }
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
