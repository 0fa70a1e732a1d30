package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** {@code GetParameterHistory}, {@code DeleteParameter} and {@code DeleteParameters} through the real SDK v2 client. */
class ParameterHistoryAndDeleteTest {
    @RegisterExtension
    final RunningParameterStore store = new RunningParameterStore();

    private void write(String name, String value) {
        store.ssm()
                .putParameter(b ->
                        b.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    @Test
    void historyListsEveryVersionOldestFirstWithWhoAndWhen() {
        Instant before = Instant.now().minusSeconds(1);
        write("/h/route", "one");
        write("/h/route", "two");
        store.ssm()
                .putParameter(b -> b.name("/h/route")
                        .value("three")
                        .tier(ParameterTier.ADVANCED)
                        .overwrite(true));

        List<ParameterHistory> history =
                store.ssm().getParameterHistory(b -> b.name("/h/route")).parameters();

        assertEquals(
                List.of("one", "two", "three"),
                history.stream().map(ParameterHistory::value).toList());
        assertEquals(
                List.of(1L, 2L, 3L),
                history.stream().map(ParameterHistory::version).toList());
        ParameterHistory last = history.get(2);
        assertEquals("/h/route", last.name());
        assertEquals(ParameterType.STRING, last.type());
        assertEquals(ParameterTier.ADVANCED, last.tier());
        assertEquals(ParameterTier.STANDARD, history.get(0).tier());
        assertEquals("text", last.dataType());
        assertEquals("arn:aws:iam::123456789012:user/test", last.lastModifiedUser(), "the signing access key");
        assertNotNull(last.lastModifiedDate());
        assertFalse(last.lastModifiedDate().isBefore(before), "LastModifiedDate " + last.lastModifiedDate());
        assertFalse(last.lastModifiedDate().isBefore(history.get(0).lastModifiedDate()));
    }

    @Test
    void historyPagesHoldAtMostFiftyAndTheLastPageHasNoNextToken() {
        for (int i = 1; i <= 53; i++) {
            write("/h/many", "v" + i);
        }

        GetParameterHistoryResponse first = store.ssm().getParameterHistory(b -> b.name("/h/many"));
        GetParameterHistoryResponse second =
                store.ssm().getParameterHistory(b -> b.name("/h/many").nextToken(first.nextToken()));
        GetParameterHistoryResponse small =
                store.ssm().getParameterHistory(b -> b.name("/h/many").maxResults(3));
        List<Long> viaPaginator =
                store.ssm().getParameterHistoryPaginator(b -> b.name("/h/many").maxResults(7)).stream()
                        .flatMap(r -> r.parameters().stream())
                        .map(ParameterHistory::version)
                        .toList();

        assertEquals(50, first.parameters().size());
        assertNotNull(first.nextToken());
        assertEquals(
                List.of(51L, 52L, 53L),
                second.parameters().stream().map(ParameterHistory::version).toList());
        assertNull(second.nextToken(), "no NextToken after the last page");
        assertEquals(3, small.parameters().size());
        assertEquals(53, viaPaginator.size());
        assertEquals(53L, viaPaginator.get(52));
        assertThrows(
                ValidationException.class,
                () -> store.ssm().getParameterHistory(b -> b.name("/h/many").maxResults(51)));
    }

    @Test
    void historyOfAMissingParameterIsParameterNotFound() {
        ParameterNotFoundException e = assertThrows(
                ParameterNotFoundException.class, () -> store.ssm().getParameterHistory(b -> b.name("/h/missing")));
        assertTrue(e.getMessage().contains("/h/missing"), e.getMessage());
    }

    @Test
    void deleteRemovesTheParameterAndItsHistory() throws IOException {
        write("/d/route", "one");
        write("/d/route", "two");

        store.ssm().deleteParameter(b -> b.name("/d/route"));

        assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameter(b -> b.name("/d/route")));
        assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameterHistory(b -> b.name("/d/route")));
        write("/d/route", "again");
        assertEquals(
                1L,
                store.ssm().getParameter(b -> b.name("/d/route")).parameter().version(),
                "a new parameter");
        assertEquals(
                1,
                store.ssm()
                        .getParameterHistory(b -> b.name("/d/route"))
                        .parameters()
                        .size());

        store.ssm().deleteParameter(b -> b.name("/d/route"));
        store.restart();
        assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameter(b -> b.name("/d/route")));
    }

    @Test
    void deleteOfAMissingParameterIsParameterNotFound() {
        ParameterNotFoundException e = assertThrows(
                ParameterNotFoundException.class, () -> store.ssm().deleteParameter(b -> b.name("/d/missing")));
        assertEquals("ParameterNotFound", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void deleteParametersReportsDeletedAndInvalidNames() {
        write("/d/a", "1");
        write("/d/b", "2");

        DeleteParametersResponse r = store.ssm().deleteParameters(b -> b.names("/d/a", "/d/missing", "/d/b"));

        assertEquals(List.of("/d/a", "/d/b"), r.deletedParameters());
        assertEquals(List.of("/d/missing"), r.invalidParameters());
        assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameter(b -> b.name("/d/a")));
        assertThrows(
                ValidationException.class,
                () -> store.ssm()
                        .deleteParameters(b ->
                                b.names(List.of("/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9", "/10", "/11"))));
    }
}
