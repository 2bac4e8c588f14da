package com.sundaya.messaging.storage;

import java.nio.file.Path;

/**
 * Opens the repository named by {@code messaging.repository}. A new repository is an adapter class plus one case
 * here (and a kamelet {@code <name>-sink}); routes do not change.
 */
public final class Repositories {

    private Repositories() {
    }

    public static RowRepository open(String name, Path dataDir, BitsyRowRepository.Tuning bitsy) {
        return switch (name) {
            case "bitsy" -> new BitsyRowRepository(dataDir.resolve("bitsy"), bitsy);
            default -> throw new IllegalArgumentException(
                    "messaging.repository=" + name + " is not supported; available: bitsy");
        };
    }
}
