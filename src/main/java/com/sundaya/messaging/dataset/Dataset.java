package com.sundaya.messaging.dataset;

import java.util.Optional;

/**
 * The three device datasets. Everything that differs between them is data held here or in the {@link RowShape}
 * chosen by {@link #shape}; the pipeline itself has no per-dataset branches.
 */
public enum Dataset {
    PMS("pms", "pms_id", "pms_monitoring", true),
    MPPT("mppt", "mppt_id", "mppt_monitoring", false),
    INVERTER("inverter", "inverter_id", "inverter_monitoring", false);

    private final String pathName;
    private final String idField;
    private final String table;
    private final boolean acceptsCsv;

    Dataset(String pathName, String idField, String table, boolean acceptsCsv) {
        this.pathName = pathName;
        this.idField = idField;
        this.table = table;
        this.acceptsCsv = acceptsCsv;
    }

    /** The {@code {dataset}} segment of {@code POST /devices/dataset/{dataset}}. */
    public String pathName() {
        return pathName;
    }

    /** The device id attribute of a request dataset, also the first column of the row. */
    public String idField() {
        return idField;
    }

    /** The analytics table name (seed naming, spec §12). */
    public String table() {
        return table;
    }

    /** Whether {@code text/csv} bodies are allowed (spec §4.3: pms only; others get 415). */
    public boolean acceptsCsv() {
        return acceptsCsv;
    }

    /** Classpath location of the JSON Schema for a request body of this dataset. */
    public String schemaResource() {
        return "/schemas/" + pathName + ".schema.json";
    }

    /**
     * Looks up a path segment. Matching is case-sensitive because the original routed case-sensitively, so
     * {@code PMS} is a 404, not an alias.
     */
    public static Optional<Dataset> fromPath(String segment) {
        for (Dataset d : values()) {
            if (d.pathName.equals(segment)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    RowShape shape(AlarmThresholds thresholds) {
        return switch (this) {
            case PMS -> new PackRowShape(thresholds);
            case MPPT -> new PowerRowShape(false, StatusBits.Kind.MPPT);
            case INVERTER -> new PowerRowShape(true, StatusBits.Kind.BUS_ONLY);
        };
    }
}
