package dev.lambdarouter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolloutStoreTest {
    @RegisterExtension
    static final ParameterStore ssm = new ParameterStore();

    private RolloutStore store() {
        return new RolloutStore(ssm.client(), ssm.layout());
    }

    @Test
    void aNewDocumentIsWrittenAsRevisionOneUnderTheRolloutsPath() {
        WriteOutcome outcome = store().write(SampleRollouts.running("orders"), 0);

        RolloutDocument written =
                assertInstanceOf(WriteOutcome.Written.class, outcome).document();
        assertEquals(1, written.revision());
        String parameter = ssm.layout().prefix() + "/rollouts/orders";
        assertEquals(List.of(parameter), ssm.puts());
        assertEquals(written, RolloutDocuments.parse(ssm.value(parameter).orElseThrow()));
        StoredRollout read = store().read("orders").orElseThrow();
        assertEquals(Optional.of(written), read.document());
        assertEquals(parameter, read.parameter());
        assertEquals(Optional.empty(), store().read("payments"));
    }

    @Test
    void eachWriteIsTheRevisionReadPlusOne() {
        RolloutDocument first = ((WriteOutcome.Written) store().write(SampleRollouts.running("orders"), 0)).document();
        RolloutDocument paused = first.transition(
                RolloutEvent.Kind.PAUSE,
                RolloutState.PAUSED,
                0,
                first.expectedWeights(),
                Instant.parse("2026-12-02T10:03:00Z"),
                "paused by hand");

        WriteOutcome outcome = store().write(paused, first.revision());

        RolloutDocument second =
                assertInstanceOf(WriteOutcome.Written.class, outcome).document();
        assertEquals(2, second.revision());
        assertEquals(
                RolloutState.PAUSED,
                store().read("orders").orElseThrow().require().state());
    }

    @Test
    void aWriterThatReadAnOlderRevisionIsStaleAndWritesNothing() {
        RolloutDocument first = ((WriteOutcome.Written) store().write(SampleRollouts.running("orders"), 0)).document();
        RolloutDocument observed = first.withObservation(new RolloutObservation(
                Instant.parse("2026-12-02T10:01:00Z"),
                first.stepStartedAt(),
                3,
                0,
                0.0,
                20.0,
                40,
                18.0,
                "hold",
                "few"));
        store().write(observed, 1);
        String stored = ssm.value(ssm.layout().rolloutParameter("orders")).orElseThrow();
        RolloutDocument late = first.transition(
                RolloutEvent.Kind.ABORT, RolloutState.ABORTED, 0, first.rollbackWeights(), Instant.now(), "late");

        WriteOutcome outcome = store().write(late, 1);

        assertEquals(new WriteOutcome.Stale(2), outcome);
        assertEquals(stored, ssm.value(ssm.layout().rolloutParameter("orders")).orElseThrow());
        assertEquals(new WriteOutcome.Stale(2), store().write(late, 0));
    }

    @Test
    void aFirstWriteIsStaleWhenAnotherWriterCreatedTheDocumentMeanwhile() {
        store().write(SampleRollouts.running("orders"), 0);

        assertEquals(new WriteOutcome.Stale(1), store().write(SampleRollouts.running("orders"), 0));
    }

    @Test
    void readAllListsEveryDocumentAndReportsAMalformedOneWithoutHidingTheOthers() {
        store().write(SampleRollouts.running("orders"), 0);
        store().write(SampleRollouts.running("payments"), 0);
        ssm.put(ssm.layout().rolloutParameter("broken"), "{\"schema\": 1}");
        ssm.put(ssm.layout().rolloutParameter("renamed"), RolloutDocuments.write(SampleRollouts.running("orders")));
        ssm.put(ssm.layout().versionParameter(), "1");

        List<StoredRollout> all = store().readAll();

        assertEquals(
                List.of("broken", "orders", "payments", "renamed"),
                all.stream().map(StoredRollout::route).toList());
        assertTrue(
                all.get(0).problem().orElseThrow().contains("field 'route' is missing"),
                all.get(0).toString());
        assertEquals(Optional.empty(), all.get(1).problem());
        assertEquals("payments", all.get(2).require().route());
        assertTrue(
                all.get(3).problem().orElseThrow().contains("does not match the parameter name"),
                all.get(3).toString());
        RolloutDocumentException e =
                assertThrows(RolloutDocumentException.class, () -> all.get(0).require());
        assertTrue(e.getMessage().contains(ssm.layout().rolloutParameter("broken")), e.getMessage());
    }

    @Test
    void theOldestHistoryIsDroppedWhenTheDocumentWouldNotFitAStandardParameter() {
        RolloutDocument document = SampleRollouts.running("orders");
        String longReason = "x".repeat(300);
        for (int i = 0; i < 19; i++) {
            document = document.transition(
                    RolloutEvent.Kind.PAUSE,
                    RolloutState.PAUSED,
                    0,
                    Map.of("orders-v1", 95, "orders-v2", 5),
                    SampleRollouts.STARTED,
                    longReason + i);
        }
        assertTrue(RolloutDocuments.write(document).length() > 4096);

        RolloutDocument written = ((WriteOutcome.Written) store().write(document, 0)).document();

        assertTrue(
                ssm.value(ssm.layout().rolloutParameter("orders")).orElseThrow().length() <= 4096);
        assertTrue(
                written.history().size() < 20,
                () -> "history " + written.history().size());
        assertEquals(
                longReason + 18,
                written.history().get(written.history().size() - 1).reason());
    }
}
