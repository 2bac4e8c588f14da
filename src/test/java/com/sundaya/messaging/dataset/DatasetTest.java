package com.sundaya.messaging.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {

    @Test
    void should_resolve_only_the_lowercase_path_names() {
        assertThat(Dataset.fromPath("pms")).contains(Dataset.PMS);
        assertThat(Dataset.fromPath("mppt")).contains(Dataset.MPPT);
        assertThat(Dataset.fromPath("inverter")).contains(Dataset.INVERTER);
        assertThat(Dataset.fromPath("PMS")).isEmpty();
        assertThat(Dataset.fromPath("Inverter")).isEmpty();
        assertThat(Dataset.fromPath("inv")).isEmpty();
        assertThat(Dataset.fromPath("")).isEmpty();
        assertThat(Dataset.fromPath(null)).isEmpty();
    }

    @Test
    void should_name_ids_tables_and_csv_support_per_dataset() {
        assertThat(Dataset.values()).extracting(Dataset::idField).containsExactly("pms_id", "mppt_id", "inverter_id");
        assertThat(Dataset.values()).extracting(Dataset::table)
                .containsExactly("pms_monitoring", "mppt_monitoring", "inverter_monitoring");
        assertThat(Dataset.values()).extracting(Dataset::acceptsCsv).containsExactly(true, false, false);
    }

    @Test
    void should_refuse_csv_for_datasets_without_a_csv_variant() {
        DatasetPipeline mppt = new DatasetPipeline(Dataset.MPPT, AlarmThresholds.defaults());

        assertThatThrownBy(() -> mppt.parse(TestData.utf8("a,b"), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_check_threshold_consistency() {
        assertThat(AlarmThresholds.defaults())
                .isEqualTo(new AlarmThresholds(3.0, 4.2, 50, 45, 55, 80));
        assertThatThrownBy(() -> new AlarmThresholds(3.0, 4.2, 50, 60, 55, 80))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlarmThresholds(Double.NaN, 4.2, 50, 45, 55, 80))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
