package com.sundaya.messaging.dataset;

/**
 * Alarm codes a row can carry (design.md §3). The declaration order is the order in which codes appear in a
 * row's {@code alarms} column, so equal readings always give byte-equal rows.
 */
public enum Alarm {
    CELL_UNDER_VOLT,
    CELL_OVER_VOLT,
    CELL_IMBALANCE,
    PACK_OVER_TEMP_WARN,
    PACK_OVER_TEMP,
    FET_OVER_TEMP,
    BUS_FAULT,
    PV_INPUT_FAULT,
    CHARGER_FET_SHORT,
    LOAD_FAULT,
    PV_SHORT,
    SYSTEM_FAULT
}
