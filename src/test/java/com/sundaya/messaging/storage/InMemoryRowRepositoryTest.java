package com.sundaya.messaging.storage;

import java.nio.file.Path;

// Keeps the test double honest: it must behave like a real adapter wherever it stands in for one.
class InMemoryRowRepositoryTest extends RowRepositoryContract {

    @Override
    protected RowRepository openRepository(Path dir) {
        return new InMemoryRowRepository();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}
