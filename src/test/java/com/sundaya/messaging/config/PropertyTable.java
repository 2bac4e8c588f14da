package com.sundaya.messaging.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the README's property table: every markdown table whose header row is exactly {@link #HEADER}, one row per
 * property, the first three cells in backticks ({@code `messaging.data-dir`}), an empty default written as
 * {@code *empty*} because an empty code span is not valid markdown.
 */
final class PropertyTable {

    static final String HEADER = "| Property | Default | Environment variable | Meaning |";
    static final String EMPTY = "*empty*";

    private static final Pattern SEPARATOR = Pattern.compile("\\|(\\s*:?-+:?\\s*\\|){4}");
    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    /** One table row, backticks removed; {@code defaultValue} is "" for {@code *empty*}. */
    record Row(String property, String defaultValue, String environmentVariable, String meaning) {
    }

    private PropertyTable() {
    }

    /** The rows of every property table in {@code markdown}, in order; throws on a row that breaks the format. */
    static List<Row> parse(String markdown) {
        List<String> lines = markdown.lines().map(String::strip).toList();
        List<Row> rows = new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals(HEADER)) {
                continue;
            }
            found = true;
            if (i + 1 >= lines.size() || !SEPARATOR.matcher(lines.get(i + 1)).matches()) {
                throw new IllegalArgumentException("line " + (i + 2) + ": the header must be followed by |---|---|---|---|");
            }
            for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                rows.add(row(lines.get(i), i + 1));
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no table with the header row " + HEADER);
        }
        return rows;
    }

    /** The environment variable Camel reads for {@code property}: dots and dashes become underscores, all upper case. */
    static String environmentVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Row row(String line, int number) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        String[] cells = UNESCAPED_PIPE.split(inner, -1);
        if (cells.length != 4) {
            throw new IllegalArgumentException("line " + number + ": " + cells.length + " cells, expected 4: " + line);
        }
        String defaultCell = unescape(cells[1]);
        return new Row(code(unescape(cells[0]), number),
                EMPTY.equals(defaultCell) ? "" : code(defaultCell, number),
                code(unescape(cells[2]), number),
                unescape(cells[3]));
    }

    private static String code(String cell, int number) {
        if (cell.length() < 3 || !cell.startsWith("`") || !cell.endsWith("`")) {
            throw new IllegalArgumentException("line " + number + ": " + cell + " must be in backticks"
                    + " (an empty default is written " + EMPTY + ")");
        }
        return cell.substring(1, cell.length() - 1);
    }

    private static String unescape(String cell) {
        return cell.strip().replace("\\|", "|");
    }
}
