package com.sundaya.messaging.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredRowTest {

    @Test
    void rowKeyIsDevicePackAndTimeEvent() {
        assertThat(StoredRow.rowKey("PMS-01-001", "0241", "2020-02-10 08:00:06.0320"))
                .isEqualTo("PMS-01-001|0241|2020-02-10 08:00:06.0320");
        assertThat(StoredRow.of("mppt_monitoring", "MPPT-1", null, "2020-02-09 08:00:06.0320", "{}").rowKey())
                .isEqualTo("MPPT-1||2020-02-09 08:00:06.0320");
    }

    @Test
    void malformedRowsAreRejectedUpFront() {
        assertThatThrownBy(() -> new StoredRow("PMS Monitoring", "k", "d", "t", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredRow("pms_monitoring", " ", "d", "t", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredRow("pms_monitoring", "k", "d", "t", null))
                .isInstanceOf(NullPointerException.class);
    }
}
