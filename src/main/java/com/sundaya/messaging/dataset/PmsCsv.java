package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final String text;
    private final List<Violation> violations = new ArrayList<>();
    private int headerSize;

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
        ArrayNode datasets = NODES.arrayNode();
        List<CsvReader.Line> lines;
        try {
            lines = CsvReader.read(text);
        } catch (CsvReader.Malformed e) {
            throw new InvalidDatasetException("csv.line[" + e.line() + "]", e.getMessage());
        }
        int[] positions = null;
        ObjectNode dataset = null;
        String currentId = null;
        for (CsvReader.Line record : lines) {
            if (record.isBlank()) {
                continue;
            }
            List<String> fields = record.fields();
            if (positions == null) {
                positions = header(fields);
                if (!violations.isEmpty()) {
                    throw new InvalidDatasetException(violations);
                }
                continue;
            }
            String line = "csv.line[" + record.number() + "]";
            if (fields.size() != headerSize) {
                violations.add(new Violation(line, "has " + fields.size() + " fields, the header has " + headerSize));
                continue;
            }
            String[] v = new String[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                v[c] = fields.get(positions[c]).trim();
            }
            if (dataset == null || !v[PMS_ID].equals(currentId)) {
                // status comes from the first row of a run of one pms_id; later rows' status columns are ignored
                currentId = v[PMS_ID];
                dataset = datasets.addObject();
                dataset.put("pms_id", currentId);
                ObjectNode status = dataset.putObject("status");
                status.put("code", v[STATUS_CODE]);
                status.set("temp", number(v, STATUS_TEMP, line));
                dataset.putArray("data");
            }
            ((ArrayNode) dataset.get("data")).add(item(v, line));
        }
        if (positions == null) {
            violations.add(new Violation("csv.header", "a header row is required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidDatasetException(violations);
        }
        ObjectNode root = NODES.objectNode();
        root.set("datasets", datasets);
        return root;
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

    private int[] header(List<String> names) {
        headerSize = names.size();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (byName.putIfAbsent(name, i) != null) {
                violations.add(new Violation("csv.header", "duplicate column " + name));
            }
        }
        int[] positions = new int[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            Integer at = byName.remove(COLUMNS[c]);
            if (at == null) {
                violations.add(new Violation("csv.header", "missing column " + COLUMNS[c]));
            } else {
                positions[c] = at;
            }
        }
        // unknown columns are refused like unknown JSON attributes (decision D8)
        byName.keySet().stream().sorted()
                .forEach(name -> violations.add(new Violation("csv.header", "unknown column " + name)));
        return positions;
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
