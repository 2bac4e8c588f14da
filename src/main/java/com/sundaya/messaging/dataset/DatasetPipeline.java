package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parse → validate → transform for one dataset: a request body in, analytics rows out (spec §2–§9).
 * Build one per dataset at start-up; instances are immutable and thread-safe, so one serves all requests.
 */
public final class DatasetPipeline {

    // Shared by all pipelines: an ObjectMapper is thread-safe once configured, and its caches warm up once.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // a repeated key would silently drop one of the two readings
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "{…} junk" is not one JSON document
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // Jackson names the (redacted) source inside some messages; it says nothing to a client
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;]*; ");

    private final Dataset dataset;
    private final RowShape shape;
    private final RequestValidator validator;

    public DatasetPipeline(Dataset dataset, AlarmThresholds thresholds) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.shape = dataset.shape(Objects.requireNonNull(thresholds, "thresholds"));
        this.validator = new RequestValidator(dataset, shape, MAPPER);
    }

    public Dataset dataset() {
        return dataset;
    }

    /**
     * Reads a body into a JSON tree: JSON, or for pms with {@code csv} set, the CSV variant converted to the
     * same tree. Only syntax is checked here; call {@link #validate} next.
     *
     * @throws InvalidDatasetException malformed JSON (target {@code body}) or any CSV conversion problem
     * @throws IllegalArgumentException {@code csv} on a dataset without a CSV variant: the caller should have
     *                                  answered 415 before reading the body
     */
    public JsonNode parse(byte[] body, boolean csv) {
        Objects.requireNonNull(body, "body");
        if (csv) {
            if (!dataset.acceptsCsv()) {
                throw new IllegalArgumentException(dataset.pathName() + " has no CSV variant");
            }
            return PmsCsv.toJson(body);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidDatasetException("body", "is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new InvalidDatasetException("body", "is not valid JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidDatasetException("body", "is empty");
        }
        return tree;
    }

    /**
     * Applies the JSON Schema and the cross-field rules, collecting every violation.
     *
     * @throws InvalidDatasetException with all violations, if there is any
     */
    public void validate(JsonNode request) {
        List<Violation> violations = validator.violations(Objects.requireNonNull(request, "request"));
        if (!violations.isEmpty()) {
            throw new InvalidDatasetException(violations);
        }
    }

    /**
     * Turns every item of every dataset into one row, in request order. The request must have passed
     * {@link #validate}; anything else may fail with an unchecked exception.
     *
     * @param sender         the sender id resolved from the API key (spec §2.2)
     * @param processingTime when the request was received; one value for all its rows (decision D11)
     */
    public List<Row> transform(JsonNode request, String sender, Instant processingTime) {
        String timeProcessing = TimeLocal.format(processingTime);
        String idField = dataset.idField();
        JsonNode datasets = request.get("datasets");
        List<Row> rows = new ArrayList<>(countItems(datasets));
        for (JsonNode ds : datasets) {
            String deviceId = ds.get(idField).textValue();
            RowShape.ItemWriter writer = shape.open(ds);
            for (JsonNode item : ds.get("data")) {
                TimeLocal time = TimeLocal.parse(item.get("time_local").textValue());
                String timeEvent = time.timeEvent();
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                row.put(idField, deviceId);
                EnumSet<Alarm> alarms = EnumSet.noneOf(Alarm.class);
                writer.write(item, row, alarms);
                row.put("sender", sender);
                row.put("time_event", timeEvent);
                row.put("time_zone", time.zone());
                row.put("time_processing", timeProcessing);
                ArrayNode alarmColumn = row.putArray("alarms");
                for (Alarm a : alarms) {
                    alarmColumn.add(a.name());
                }
                String rowKey = deviceId + '|' + writer.packId(item) + '|' + timeEvent;
                rows.add(new Row(deviceId, rowKey, row));
            }
        }
        return rows;
    }

    /** {@link #parse}, {@link #validate} and {@link #transform} in one call. */
    public List<Row> process(byte[] body, boolean csv, String sender, Instant processingTime) {
        JsonNode request = parse(body, csv);
        validate(request);
        return transform(request, sender, processingTime);
    }

    private static int countItems(JsonNode datasets) {
        int n = 0;
        for (JsonNode ds : datasets) {
            n += ds.get("data").size();
        }
        return n;
    }

    /** Jackson's message without the source excerpt, which would echo the client's body back. */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return SOURCE_NOTE.matcher(e.getOriginalMessage()).replaceAll("[") + where;
    }
}
