package com.sundaya.messaging.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BitsyRowRepositoryTest extends RowRepositoryContract {

    @Override
    protected RowRepository openRepository(Path dir) {
        return new BitsyRowRepository(dir.resolve("bitsy"));
    }

    @Test
    void secondOpenOfAnOpenDirectoryIsUnavailable() {
        try (RowRepository first = openRepository(dir)) {
            assertThatThrownBy(() -> openRepository(dir)).isInstanceOf(RepositoryUnavailableException.class);
        }
        openRepository(dir).close(); // the failed attempt left nothing behind that blocks a later open
    }
}
