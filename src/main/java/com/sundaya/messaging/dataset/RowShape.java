package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.List;

/**
 * What differs between the datasets' rows: the columns between the device id and {@code sender}, the alarms
 * they imply, and the cross-field rules on a data item. Implementations are stateless and thread-safe.
 */
interface RowShape {

    /**
     * Adds violations of the rules a JSON Schema cannot state. {@code item} may have failed the schema, so
     * anything of the wrong shape is skipped here (the schema already reported it).
     *
     * @param itemPath e.g. {@code datasets[0].data[1]}
     */
    void checkItem(JsonNode item, String itemPath, List<Violation> out);

    /** Decodes what one request dataset shares across its items, i.e. its status. */
    ItemWriter open(JsonNode dataset);

    /** Writes rows for the items of one request dataset. */
    interface ItemWriter {

        /** The pack id part of the row key; empty for devices without packs. */
        String packId(JsonNode item);

        /** Appends the shape's columns to {@code row} and adds the alarms they imply. */
        void write(JsonNode item, ObjectNode row, EnumSet<Alarm> alarms);
    }
}
