package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.List;

/**
 * {@code mppt_monitoring} and {@code inverter_monitoring} rows: one per sample (spec §9.3, §9.4). The inverter
 * adds the grid block and decodes only {@code bus_connect}.
 */
final class PowerRowShape implements RowShape {

    private static final double SQRT3 = Math.sqrt(3);

    private final boolean grid;
    private final StatusBits.Kind statusKind;

    PowerRowShape(boolean grid, StatusBits.Kind statusKind) {
        this.grid = grid;
        this.statusKind = statusKind;
    }

    @Override
    public void checkItem(JsonNode item, String itemPath, List<Violation> out) {
        // unequal lengths made the original write "watts": null
        sameLength(item, itemPath, "pv", "amps", out);
        sameLength(item, itemPath, "load", "amps", out);
        if (grid) {
            sameLength(item, itemPath, "grid", "amps", out);
            sameLength(item, itemPath, "grid", "pf", out);
        }
    }

    private static void sameLength(JsonNode item, String itemPath, String block, String field, List<Violation> out) {
        JsonNode b = item.path(block);
        JsonNode volts = b.path("volts");
        JsonNode other = b.path(field);
        if (volts.isArray() && other.isArray() && volts.size() != other.size()) {
            out.add(new Violation(itemPath + "." + block + "." + field,
                    "must have as many items as " + block + ".volts (" + volts.size() + "), has " + other.size()));
        }
    }

    @Override
    public ItemWriter open(JsonNode dataset) {
        StatusBits bits = StatusBits.decode(statusKind, dataset.get("status").get("code").textValue());
        return new ItemWriter() {
            @Override
            public String packId(JsonNode item) {
                return "";
            }

            @Override
            public void write(JsonNode item, ObjectNode row, EnumSet<Alarm> alarms) {
                writeSeries(item.get("pv"), row.putArray("pv"));
                JsonNode battery = item.get("battery");
                ObjectNode b = row.putObject("battery");
                b.set("volts", Numbers.asSent(battery.get("volts")));
                b.set("amps", Numbers.asSent(battery.get("amps")));
                b.set("watts", Numbers.node(Numbers.round4(
                        battery.get("volts").doubleValue() * battery.get("amps").doubleValue())));
                writeSeries(item.get("load"), row.putArray("load"));
                if (grid) {
                    writeGrid(item.get("grid"), row.putArray("grid"));
                }
                bits.writeTo(row.putObject("status"));
                bits.addAlarms(alarms);
            }
        };
    }

    private static void writeSeries(JsonNode block, ArrayNode out) {
        JsonNode volts = block.get("volts");
        JsonNode amps = block.get("amps");
        for (int i = 0; i < volts.size(); i++) {
            ObjectNode e = out.addObject();
            e.set("volts", Numbers.asSent(volts.get(i)));
            e.set("amps", Numbers.asSent(amps.get(i)));
            e.set("watts", Numbers.node(Numbers.round4(volts.get(i).doubleValue() * amps.get(i).doubleValue())));
        }
    }

    /**
     * Decision D6: with three phases the volts are line-to-line, so each phase's real power is V·I·pf/√3 and the
     * phases add up to the supply's total. The original multiplied by √3 instead, tripling every phase.
     */
    private static void writeGrid(JsonNode block, ArrayNode out) {
        JsonNode volts = block.get("volts");
        JsonNode amps = block.get("amps");
        JsonNode pf = block.get("pf");
        boolean threePhase = volts.size() == 3;
        for (int i = 0; i < volts.size(); i++) {
            double watts = volts.get(i).doubleValue() * amps.get(i).doubleValue() * pf.get(i).doubleValue();
            ObjectNode e = out.addObject();
            e.set("volts", Numbers.asSent(volts.get(i)));
            e.set("amps", Numbers.asSent(amps.get(i)));
            e.set("pf", Numbers.asSent(pf.get(i)));
            e.set("watts", Numbers.node(Numbers.round4(threePhase ? watts / SQRT3 : watts)));
        }
    }
}
