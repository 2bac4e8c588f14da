package com.sundaya.messaging.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.sundaya.messaging.broker.BrokerHeaders;
import com.sundaya.messaging.dataset.Dataset;
import com.sundaya.messaging.dataset.DatasetPipeline;
import com.sundaya.messaging.dataset.InvalidDatasetException;
import com.sundaya.messaging.dataset.Row;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;

/**
 * The API host's Consumer and Producer for {@code POST /devices/dataset/{dataset}}: checks the request in the
 * documented order (405, 404, 401, 415, 413, 400), validates and analyses every reading, and transforms each {@code data}
 * item into one analytics row. The body becomes the batch of rows for the broker sink, one message per row keyed by
 * the device id; the device is answered only after the sink has the broker's acknowledgement for all of them.
 */
public class IngestProcessor implements Processor {

    public static final String DATASET_HEADER = "dataset";
    public static final String ROW_COUNT_HEADER = "messaging.rowCount";

    private final Map<Dataset, DatasetPipeline> pipelines;
    private final Map<Dataset, String> topics;
    private final ApiKeyRegistry apiKeys;
    private final long maxBodyBytes;

    public IngestProcessor(Map<Dataset, DatasetPipeline> pipelines, Map<Dataset, String> topics,
                           ApiKeyRegistry apiKeys, long maxBodyBytes) {
        this.pipelines = new EnumMap<>(pipelines);
        this.topics = new EnumMap<>(topics);
        this.apiKeys = apiKeys;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Instant receivedAt = Instant.now();
        if (!"POST".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new ApiException(405, "Method Not Allowed", "method", "Only POST is allowed here.");
        }
        String segment = in.getHeader(DATASET_HEADER, String.class);
        Dataset dataset = Dataset.fromPath(segment).orElseThrow(() -> new ApiException(404, "Not Found", "path",
                "Unknown dataset '" + segment + "': use pms, mppt or inverter."));
        String sender = authenticate(in.getHeader("x-api-key", String.class));
        MediaTypes.requireJsonAccepted(in.getHeader("Accept", String.class));
        boolean csv = MediaTypes.isCsv(dataset, in.getHeader(Exchange.CONTENT_TYPE, String.class));
        byte[] body = in.getBody(byte[].class);
        if (body != null && body.length > maxBodyBytes) {
            throw new ApiException(413, "Payload Too Large", "body",
                    "The body has " + body.length + " bytes; the limit is " + maxBodyBytes + ".");
        }
        if (body == null || body.length == 0) {
            throw new ApiException(400, "Bad Request", "body", "The request body is empty.");
        }

        DatasetPipeline pipeline = pipelines.get(dataset);
        List<Row> rows;
        try {
            JsonNode request = pipeline.parse(body, csv);
            pipeline.validate(request);
            rows = pipeline.transform(request, sender, receivedAt);
        } catch (InvalidDatasetException e) {
            throw new ApiException(400, "Bad Request", e.violations());
        }

        List<Message> batch = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Message m = new DefaultMessage(exchange);
            m.setBody(row.row().toString());
            m.setHeader(BrokerHeaders.KEY, row.deviceId());
            batch.add(m);
        }
        in.setBody(batch);
        in.setHeader(BrokerHeaders.TOPIC, topics.get(dataset));
        in.setHeader(ROW_COUNT_HEADER, batch.size());
        in.setHeader(DATASET_HEADER, dataset.pathName());
    }

    private String authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ApiException(401, "Unauthorized", "x-api-key", "The x-api-key header is missing.");
        }
        return apiKeys.senderFor(apiKey.trim()).orElseThrow(
                () -> new ApiException(401, "Unauthorized", "x-api-key", "The API key is not registered."));
    }

    /** Media-type rules of spec §2.1 and D7: parameters such as charset are tolerated; CSV only for pms. */
    static final class MediaTypes {
        private MediaTypes() {
        }

        static void requireJsonAccepted(String accept) {
            if (accept == null || accept.isBlank()) {
                return;
            }
            for (String range : accept.split(",")) {
                String type = baseType(range);
                if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")) {
                    return;
                }
            }
            throw new ApiException(415, "Unsupported Media Type", "Accept",
                    "The requested Accept type is not supported: " + accept + ". Responses are application/json.");
        }

        static boolean isCsv(Dataset dataset, String contentType) {
            String type = contentType == null ? "" : baseType(contentType);
            if (type.equals("application/json")) {
                return false;
            }
            if (type.equals("text/csv") && dataset.acceptsCsv()) {
                return true;
            }
            String allowed = dataset.acceptsCsv() ? "application/json or text/csv" : "application/json";
            throw new ApiException(415, "Unsupported Media Type", "Content-Type",
                    "Content-Type " + (type.isEmpty() ? "(none)" : type) + " is not supported here; use " + allowed
                            + ".");
        }

        private static String baseType(String mediaType) {
            int semicolon = mediaType.indexOf(';');
            String base = semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType;
            return base.trim().toLowerCase(Locale.ROOT);
        }
    }
}
