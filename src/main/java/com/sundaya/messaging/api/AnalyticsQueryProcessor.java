package com.sundaya.messaging.api;

import java.util.List;
import java.util.Set;

import com.sundaya.messaging.storage.RowRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Read-back of stored rows: {@code GET /analytics/<table>?id=<device id>&limit=N} returns the device's newest rows
 * by {@code time_event} as a JSON array. Needs a valid API key like the device API.
 */
public class AnalyticsQueryProcessor implements Processor {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;

    private final RowRepository repository;
    private final ApiKeyRegistry apiKeys;
    private final Set<String> tables;

    public AnalyticsQueryProcessor(RowRepository repository, ApiKeyRegistry apiKeys, Set<String> tables) {
        this.repository = repository;
        this.apiKeys = apiKeys;
        this.tables = Set.copyOf(tables);
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        if (!"GET".equals(in.getHeader(Exchange.HTTP_METHOD, String.class))) {
            throw new ApiException(405, "Method Not Allowed", "method", "Only GET is allowed here.");
        }
        String table = in.getHeader("table", String.class);
        if (!tables.contains(table)) {
            throw new ApiException(404, "Not Found", "path",
                    "Unknown table '" + table + "': use one of " + String.join(", ", tables.stream().sorted().toList()) + ".");
        }
        String key = in.getHeader("x-api-key", String.class);
        if (key == null || key.isBlank()) {
            throw new ApiException(401, "Unauthorized", "x-api-key", "The x-api-key header is missing.");
        }
        if (apiKeys.senderFor(key.trim()).isEmpty()) {
            throw new ApiException(401, "Unauthorized", "x-api-key", "The API key is not registered.");
        }
        String id = in.getHeader("id", String.class);
        if (id == null || id.isBlank()) {
            throw new ApiException(400, "Bad Request", "id", "The query parameter id (a device id) is required.");
        }
        int limit = limit(in.getHeader("limit", String.class));
        List<String> rows = repository.newest(table, id, limit);
        in.removeHeaders("*");
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody("[" + String.join(",", rows) + "]");
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "Bad Request", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
