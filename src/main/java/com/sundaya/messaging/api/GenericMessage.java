package com.sundaya.messaging.api;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sundaya.messaging.dataset.Violation;

/** The API's documented response body: {@code {status, message, details[{message, target}]}} (spec §7.2, D1). */
public final class GenericMessage {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GenericMessage() {
    }

    public static String json(int status, String message, List<Violation> details) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", Integer.toString(status));
        root.put("message", message);
        ArrayNode array = root.putArray("details");
        for (Violation v : details) {
            array.addObject().put("message", v.message()).put("target", v.target());
        }
        return root.toString();
    }

    public static String accepted(String dataset) {
        return json(200, "ok", List.of(new Violation("dataset:" + dataset, "Data queued for processing.")));
    }
}
