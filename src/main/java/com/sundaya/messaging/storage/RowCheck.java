package com.sundaya.messaging.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sundaya.messaging.dataset.Dataset;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The subscriber's Consumer step: checks each consumed row and normalises it into a {@link StoredRow} keyed by
 * {@code <device>|<pack>|<time_event>}. A row that fails the check can never be stored, so it goes to the
 * dead-letter list at once (no retries) and the rest of the batch goes on.
 *
 * <p>The check reads the row with a streaming parser: every token is read, so malformed JSON is caught, but no tree
 * is built — only the few top-level fields a repository needs are kept.
 */
public class RowCheck implements Processor {

    public static final String DATASET_HEADER = "messaging.dataset";
    public static final String TABLE_HEADER = "messaging.table";
    /** The consumed messages whose rows passed the check, in batch order (for the optional republish). */
    public static final String ACCEPTED = "messaging.acceptedMessages";
    /** time_processing of each accepted row, in the same order (for the end-to-end latency metric). */
    public static final String RECEIVED_AT = "messaging.receivedAt";

    private static final Pattern TIME_EVENT = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{4}");
    private static final String TIME_PROCESSING = "time_processing";
    private final JsonFactory json = new JsonFactory();

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
            String text = m.getBody(String.class);
            try {
                Map<String, String> fields = topLevelText(text, dataset.idField());
                rows.add(normalise(dataset, table, fields, text));
                accepted.add(m);
                receivedAt.add(fields.get(TIME_PROCESSING));
            } catch (IllegalArgumentException e) {
                DeadLetters.add(exchange, m, "invalid row: " + e.getMessage(), 1);
            }
        }
        exchange.setProperty(ACCEPTED, accepted);
        exchange.setProperty(RECEIVED_AT, receivedAt);
        in.setBody(rows);
    }

    /** The string values of the top-level fields a row is stored by; the whole text must be one JSON object. */
    private Map<String, String> topLevelText(String text, String idField) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        Map<String, String> fields = new HashMap<>(8);
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (value == JsonToken.VALUE_STRING && isKeyField(name, idField)) {
                    fields.put(name, p.getText());
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        return fields;
    }

    private static boolean isKeyField(String name, String idField) {
        return name.equals(idField) || name.equals("pack_id") || name.equals("time_event")
                || name.equals(TIME_PROCESSING);
    }

    private static StoredRow normalise(Dataset dataset, String table, Map<String, String> fields, String text) {
        String deviceId = required(fields, dataset.idField());
        String timeEvent = required(fields, "time_event");
        if (!TIME_EVENT.matcher(timeEvent).matches()) {
            throw new IllegalArgumentException("time_event '" + timeEvent + "' is not yyyy-MM-dd HH:mm:ss.SSSS");
        }
        String packId = dataset == Dataset.PMS ? required(fields, "pack_id") : null;
        // the text as published (compact JSON from the API host) is stored as is: no second serialisation per row
        return StoredRow.of(table, deviceId, packId, timeEvent, text.strip());
    }

    private static String required(Map<String, String> fields, String field) {
        String v = fields.get(field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing or empty " + field);
        }
        return v;
    }
}
