package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pms CSV variant (spec §4.3), converted to the same JSON tree a JSON body gives, so that one set of
 * validation rules and one transform serve both. Conversion errors name the CSV line and column
 * ({@code csv.line[3].pack.amps}) because the device vendor sees a file, not a JSON path; the rules applied after
 * conversion report JSON paths, where {@code datasets[i].data[j]} is the j-th row of the i-th run of one pms_id.
 */
final class PmsCsv {

    private static final String[] COLUMNS = columns();
    private static final int PMS_ID = 0;
    private static final int STATUS_CODE = 1;
    private static final int STATUS_TEMP = 2;
    private static final int TIME_LOCAL = 3;
    private static final int PACK_ID = 4;
    private static final int PACK_DOCK = 5;
    private static final int PACK_AMPS = 6;
    private static final int PACK_TEMP = 7;
    private static final int CELL_VOLTS = PACK_TEMP + 3;
    private static final int CELL_OPEN = CELL_VOLTS + 14;
    private static final int FET_TEMP = CELL_OPEN + 14;
    private static final int FET_OPEN = FET_TEMP + 2;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,9}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /*
     * RFC 4180 (comma, "-quoting with "" escapes, CRLF, LF or CR between records) with the header read from the
     * first record. Empty and duplicate header names are let through so that header() can report every problem
     * at once in the API's words; empty lines are kept as records, and skipped here, because a skipped line would
     * no longer be counted where a record starts.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();
    private static final String MALFORMED =
            "is not well-formed CSV: a quoted field must be closed by a quote followed by a comma or the end of the line";

    private final String text;
    private final List<Violation> violations = new ArrayList<>();

    private PmsCsv(String text) {
        this.text = text;
    }

    /** Converts a CSV body, or throws with every problem found in it. */
    static JsonNode toJson(byte[] body) {
        return new PmsCsv(decode(body)).convert();
    }

    private static String decode(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            // the original's trim() removed a BOM too, and spreadsheet exports add one
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidDatasetException("body", "is not valid UTF-8");
        }
    }

    private JsonNode convert() {
        // the original trimmed the body; trimming its start moves the header to the parser's first line,
        // so the lines removed are added back to keep line numbers those of the file the vendor sent
        long skippedLines = lineBreaks(text.substring(0, text.length() - text.stripLeading().length()));
        long line = skippedLines + 1;
        ArrayNode datasets = NODES.arrayNode();
        try (CSVParser parser = CSVParser.parse(text.strip(), FORMAT)) {
            List<String> names = parser.getHeaderNames();
            if (names.isEmpty()) {
                throw new InvalidDatasetException("csv.header", "a header row is required");
            }
            header(names);
            if (!violations.isEmpty()) {
                throw new InvalidDatasetException(violations);
            }
            ObjectNode dataset = null;
            String currentId = null;
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // read before the record is: the parser's line count then ends where the next record starts
                line = skippedLines + parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                String target = "csv.line[" + line + "]";
                if (record.size() != names.size()) {
                    violations.add(new Violation(target, "has " + record.size() + " fields, the header has " + names.size()));
                    continue;
                }
                String[] v = new String[COLUMNS.length];
                for (int c = 0; c < COLUMNS.length; c++) {
                    v[c] = record.get(COLUMNS[c]);
                }
                if (dataset == null || !v[PMS_ID].equals(currentId)) {
                    // status comes from the first row of a run of one pms_id; later rows' status columns are ignored
                    currentId = v[PMS_ID];
                    dataset = datasets.addObject();
                    dataset.put("pms_id", currentId);
                    ObjectNode status = dataset.putObject("status");
                    status.put("code", v[STATUS_CODE]);
                    status.set("temp", number(v, STATUS_TEMP, target));
                    dataset.putArray("data");
                }
                ((ArrayNode) dataset.get("data")).add(item(v, target));
            }
        } catch (IOException | UncheckedIOException e) {
            // nothing after a syntax error can be trusted, but what was found before it is still worth reporting
            violations.add(new Violation("csv.line[" + line + "]", MALFORMED));
        }
        if (!violations.isEmpty()) {
            throw new InvalidDatasetException(violations);
        }
        ObjectNode root = NODES.objectNode();
        root.set("datasets", datasets);
        return root;
    }

    /** Counts CRLF, LF and CR line breaks the way the parser does, so both count the same lines. */
    private static long lineBreaks(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || (c == '\n' && (i == 0 || s.charAt(i - 1) != '\r'))) {
                n++;
            }
        }
        return n;
    }

    private ObjectNode item(String[] v, String line) {
        ObjectNode item = NODES.objectNode();
        item.put("time_local", v[TIME_LOCAL]);
        ObjectNode pack = item.putObject("pack");
        pack.put("id", v[PACK_ID]);
        pack.set("dock", integer(v, PACK_DOCK, line));
        pack.set("amps", number(v, PACK_AMPS, line));
        pack.set("temp", numbers(v, PACK_TEMP, 3, line));
        ObjectNode cell = pack.putObject("cell");
        cell.set("open", openPositions(v, CELL_OPEN, 14, line));
        cell.set("volts", numbers(v, CELL_VOLTS, 14, line));
        ObjectNode fet = pack.putObject("fet");
        fet.set("open", openPositions(v, FET_OPEN, 2, line));
        fet.set("temp", numbers(v, FET_TEMP, 2, line));
        return item;
    }

    private ArrayNode numbers(String[] v, int first, int count, String line) {
        ArrayNode a = NODES.arrayNode(count);
        for (int c = first; c < first + count; c++) {
            a.add(number(v, c, line));
        }
        return a;
    }

    /** Columns {@code x.open.N} are per-position flags: the JSON list holds each N whose flag is set. */
    private ArrayNode openPositions(String[] v, int first, int count, String line) {
        ArrayNode a = NODES.arrayNode();
        for (int n = 1; n <= count; n++) {
            String s = v[first + n - 1];
            if (s.isEmpty()) {
                continue;
            }
            if (!INTEGER.matcher(s).matches()) {
                violations.add(new Violation(line + "." + COLUMNS[first + n - 1],
                        "\"" + s + "\" is not a flag: 1 means open, 0 or empty means closed"));
            } else if (Integer.parseInt(s) != 0) {
                // any non-zero integer counts as open, as in the original; the position, not the value, names the element
                a.add(n);
            }
        }
        return a;
    }

    private JsonNode number(String[] v, int column, String line) {
        String s = v[column];
        if (s.isEmpty()) {
            return missing(column, line, "is empty; a number is required");
        }
        if (!DECIMAL.matcher(s).matches()) {
            return missing(column, line, "\"" + s + "\" is not a decimal number");
        }
        if (INTEGER.matcher(s).matches()) {
            return IntNode.valueOf(Integer.parseInt(s));
        }
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? DoubleNode.valueOf(d) : missing(column, line, "\"" + s + "\" is out of range");
    }

    private JsonNode integer(String[] v, int column, String line) {
        String s = v[column];
        if (!INTEGER.matcher(s).matches()) {
            return missing(column, line, s.isEmpty() ? "is empty; an integer is required" : "\"" + s + "\" is not an integer");
        }
        return IntNode.valueOf(Integer.parseInt(s));
    }

    /** Records the violation; the null placeholder keeps the tree's shape while conversion goes on to find more. */
    private JsonNode missing(int column, String line, String message) {
        violations.add(new Violation(line + "." + COLUMNS[column], message));
        return NODES.nullNode();
    }

    private void header(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                violations.add(new Violation("csv.header", "duplicate column " + name));
            }
        }
        for (String column : COLUMNS) {
            if (!seen.remove(column)) {
                violations.add(new Violation("csv.header", "missing column " + column));
            }
        }
        // unknown columns are refused like unknown JSON attributes (decision D8)
        seen.stream().sorted().forEach(name -> violations.add(new Violation("csv.header", "unknown column " + name)));
    }

    private static String[] columns() {
        List<String> c = new ArrayList<>(List.of("pms_id", "status.code", "status.temp", "time_local",
                "pack.id", "pack.dock", "pack.amps"));
        addNumbered(c, "pack.temp", 3);
        addNumbered(c, "cell.volts", 14);
        addNumbered(c, "cell.open", 14);
        addNumbered(c, "fet.temp", 2);
        addNumbered(c, "fet.open", 2);
        return c.toArray(String[]::new);
    }

    private static void addNumbered(List<String> c, String prefix, int count) {
        for (int n = 1; n <= count; n++) {
            c.add(prefix + "." + n);
        }
    }
}
