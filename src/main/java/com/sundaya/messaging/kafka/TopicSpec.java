package com.sundaya.messaging.kafka;

import java.util.ArrayList;
import java.util.List;

/** A topic as configured: {@code name:partitions:replicas} (the seed's notation, e.g. {@code monitoring.pms:3:2}). */
public record TopicSpec(String name, int partitions, short replicas) {

    public static List<TopicSpec> parseList(String csv) {
        List<TopicSpec> specs = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return specs;
        }
        for (String entry : csv.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                specs.add(parse(trimmed));
            }
        }
        return specs;
    }

    public static TopicSpec parse(String spec) {
        String[] parts = spec.split(":");
        try {
            return switch (parts.length) {
                case 1 -> new TopicSpec(parts[0], 3, (short) 2);
                case 2 -> new TopicSpec(parts[0], Integer.parseInt(parts[1]), (short) 2);
                case 3 -> new TopicSpec(parts[0], Integer.parseInt(parts[1]), Short.parseShort(parts[2]));
                default -> throw new IllegalArgumentException(spec);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Topic spec must be name:partitions:replicas, got '" + spec + "'", e);
        }
    }

    public TopicSpec deadLetter() {
        return new TopicSpec(name + ".dlq", partitions, replicas);
    }
}
