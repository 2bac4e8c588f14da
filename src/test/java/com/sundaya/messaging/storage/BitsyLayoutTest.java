package com.sundaya.messaging.storage;

import static com.sundaya.messaging.storage.TestRows.PMS;
import static com.sundaya.messaging.storage.TestRows.pms;
import static org.assertj.core.api.Assertions.assertThat;

import com.lambdazen.bitsy.BitsyGraph;
import java.nio.file.Path;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files hold the graph of design §4, so ops can query them with Gremlin, not only through the SPI. */
class BitsyLayoutTest {

    @TempDir
    Path dir;

    @Test
    void storesDeviceVerticesRowVerticesAndReadingEdges() {
        try (RowRepository repo = new BitsyRowRepository(dir)) {
            repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 1), pms("PMS-1", "0242", 1), pms("PMS-2", "0241", 2)));
            repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 3), TestRows.mppt("PMS-1", 1)));
        }

        BitsyGraph graph = new BitsyGraph(dir);
        try {
            GraphTraversalSource g = graph.traversal();
            assertThat(g.V().hasLabel("device").values("deviceKey").toList())
                    .containsExactlyInAnyOrder("pms_monitoring|PMS-1", "pms_monitoring|PMS-2", "mppt_monitoring|PMS-1");
            assertThat(g.V().has("deviceKey", "pms_monitoring|PMS-1").out("reading").values("timeEvent").toList())
                    .containsExactlyInAnyOrder(TestRows.timeEvent(1), TestRows.timeEvent(1), TestRows.timeEvent(3));
            Vertex row = g.V().has("rowKey", "PMS-2|0241|" + TestRows.timeEvent(2)).next();
            assertThat(row.label()).isEqualTo(PMS);
            assertThat((String) row.value("json")).isEqualTo(pms("PMS-2", "0241", 2).json());
            assertThat(graph.getIndexedKeys(Vertex.class)).contains("rowKey", "deviceId", "deviceKey");
        } finally {
            graph.shutdown();
        }
    }
}
