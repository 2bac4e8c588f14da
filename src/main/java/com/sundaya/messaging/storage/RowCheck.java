package com.sundaya.messaging.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sundaya.messaging.dataset.Dataset;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The subscriber's Consumer step: checks each consumed row and normalises it into a {@link StoredRow} keyed by
 * {@code <device>|<pack>|<time_event>}. A row that fails the check can never be stored, so it goes to the
 * dead-letter list at once (no retries) and the rest of the batch goes on.
 */
public class RowCheck implements Processor {

    public static final String DATASET_HEADER = "messaging.dataset";
    public static final String TABLE_HEADER = "messaging.table";
    /** The consumed messages whose rows passed the check, in batch order (for the optional republish). */
    public static final String ACCEPTED = "messaging.acceptedMessages";
    /** time_processing of each accepted row, in the same order (for the end-to-end latency metric). */
    public static final String RECEIVED_AT = "messaging.receivedAt";

    private static final Pattern TIME_EVENT = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{4}");
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Dataset dataset = Dataset.fromPath(in.getHeader(DATASET_HEADER, String.class))
                .orElseThrow(() -> new IllegalStateException("route sets no known " + DATASET_HEADER));
        String table = in.getHeader(TABLE_HEADER, String.class);
        List<Message> batch = in.getBody(List.class);
        exchange.setProperty(DeadLetters.CONSUMED_BATCH, batch);
        List<StoredRow> rows = new ArrayList<>(batch.size());
        List<Message> accepted = new ArrayList<>(batch.size());
        List<String> receivedAt = new ArrayList<>(batch.size());
        for (Message m : batch) {
            String json = m.getBody(String.class);
            try {
                JsonNode row = parse(json);
                rows.add(normalise(dataset, table, row, json));
                accepted.add(m);
                JsonNode t = row.get("time_processing");
                receivedAt.add(t == null ? null : t.asText());
            } catch (IllegalArgumentException e) {
                DeadLetters.add(exchange, m, "invalid row: " + e.getMessage(), 1);
            }
        }
        exchange.setProperty(ACCEPTED, accepted);
        exchange.setProperty(RECEIVED_AT, receivedAt);
        in.setBody(rows);
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        JsonNode row;
        try {
            row = mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (row == null || !row.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return row;
    }

    StoredRow normalise(Dataset dataset, String table, JsonNode row, String text) {
        String deviceId = text(row, dataset.idField());
        String timeEvent = text(row, "time_event");
        if (!TIME_EVENT.matcher(timeEvent).matches()) {
            throw new IllegalArgumentException("time_event '" + timeEvent + "' is not yyyy-MM-dd HH:mm:ss.SSSS");
        }
        String packId = dataset == Dataset.PMS ? text(row, "pack_id") : null;
        // the text as published (compact JSON from the API host) is stored as is: no second serialisation per row
        return StoredRow.of(table, deviceId, packId, timeEvent, text.strip());
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing or empty " + field);
        }
        return v.asText();
    }
}
