package com.sundaya.messaging.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailingRowRepositoryTest {

    @Test
    void failsTheGivenNumberOfTimesThenStores() {
        FailingRowRepository repo = new FailingRowRepository(new InMemoryRowRepository(), 2);
        List<StoredRow> batch = List.of(TestRows.pms("PMS-1", "0241", 1));

        assertThatThrownBy(() -> repo.insertIfAbsent(batch)).isInstanceOf(RepositoryUnavailableException.class);
        assertThatThrownBy(() -> repo.insertIfAbsent(batch)).isInstanceOf(RepositoryUnavailableException.class);
        assertThat(repo.insertIfAbsent(batch)).isEqualTo(1);
        assertThat(repo.insertCalls()).isEqualTo(3);
        assertThat(repo.count(TestRows.PMS)).isEqualTo(1);
    }
}
