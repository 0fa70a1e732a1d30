package dev.lambdarouter.localstack.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Value-size limits per tier and parameter-name rules, as Parameter Store enforces them. */
class ParameterStoreLimitsTest {
    @RegisterExtension
    final RunningParameterStore store = new RunningParameterStore();

    @Test
    void standardTierAcceptsExactly4096Characters() {
        PutParameterResponse r = store.ssm()
                .putParameter(b -> b.name("/limits/std").value("x".repeat(4096)).type(ParameterType.STRING));

        assertEquals(ParameterTier.STANDARD, r.tier());
        assertEquals(
                4096,
                store.ssm()
                        .getParameter(b -> b.name("/limits/std"))
                        .parameter()
                        .value()
                        .length());
    }

    @Test
    void standardTierRejects4097CharactersWithTheAwsValidationError() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> store.ssm()
                        .putParameter(b -> b.name("/limits/std")
                                .value("x".repeat(4097))
                                .type(ParameterType.STRING)
                                .tier(ParameterTier.STANDARD)));

        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(
                e.awsErrorDetails()
                        .errorMessage()
                        .startsWith("Standard tier parameters support a maximum parameter value of 4096 characters."),
                e.getMessage());
        assertThrows(ParameterNotFoundException.class, () -> store.ssm().getParameter(b -> b.name("/limits/std")));
    }

    @Test
    void overwritingAStandardParameterWithALargerValueIsRejected() {
        store.ssm().putParameter(b -> b.name("/limits/grow").value("small").type(ParameterType.STRING));

        assertThrows(
                ValidationException.class,
                () -> store.ssm()
                        .putParameter(b ->
                                b.name("/limits/grow").value("x".repeat(4097)).overwrite(true)));
        assertEquals(
                "small",
                store.ssm()
                        .getParameter(b -> b.name("/limits/grow"))
                        .parameter()
                        .value());
    }

    @Test
    void advancedTierAcceptsUpTo8192Characters() {
        PutParameterResponse r = store.ssm()
                .putParameter(b -> b.name("/limits/adv")
                        .value("y".repeat(8192))
                        .type(ParameterType.STRING)
                        .tier(ParameterTier.ADVANCED));

        assertEquals(ParameterTier.ADVANCED, r.tier());
        assertEquals(
                8192,
                store.ssm()
                        .getParameter(b -> b.name("/limits/adv"))
                        .parameter()
                        .value()
                        .length());
        assertThrows(
                ValidationException.class,
                () -> store.ssm()
                        .putParameter(b -> b.name("/limits/adv2")
                                .value("y".repeat(8193))
                                .type(ParameterType.STRING)
                                .tier(ParameterTier.ADVANCED)));
    }

    @Test
    void anAdvancedParameterKeepsItsTierAndCannotBeDowngraded() {
        store.ssm()
                .putParameter(b -> b.name("/limits/keep")
                        .value("v")
                        .type(ParameterType.STRING)
                        .tier(ParameterTier.ADVANCED));

        PutParameterResponse overwrite =
                store.ssm().putParameter(b -> b.name("/limits/keep").value("w").overwrite(true));

        assertEquals(ParameterTier.ADVANCED, overwrite.tier());
        assertThrows(
                ValidationException.class,
                () -> store.ssm()
                        .putParameter(b -> b.name("/limits/keep")
                                .value("z")
                                .overwrite(true)
                                .tier(ParameterTier.STANDARD)));
    }

    @Test
    void emptyValueAndMissingTypeAreRejected() {
        assertThrows(
                ValidationException.class,
                () -> store.ssm()
                        .putParameter(b -> b.name("/limits/empty").value("").type(ParameterType.STRING)));
        ValidationException noType = assertThrows(
                ValidationException.class,
                () -> store.ssm().putParameter(b -> b.name("/limits/no-type").value("v")));
        assertTrue(noType.getMessage().contains("type is required"), noType.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"awsThing", "SSM-config", "/ssm/x", "/AwsLike"})
    void namesPrefixedWithAwsOrSsmAreRejected(String name) {
        assertThrows(
                ValidationException.class,
                () -> store.ssm().putParameter(b -> b.name(name).value("v").type(ParameterType.STRING)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "/a/b$", "a/b", "/a//b", "/trailing/", "/x/ü"})
    void namesWithInvalidCharactersOrShapeAreRejected(String name) {
        assertThrows(
                ValidationException.class,
                () -> store.ssm().putParameter(b -> b.name(name).value("v").type(ParameterType.STRING)));
    }

    @Test
    void aNameHasAtMost2048Characters() {
        String longest = "/" + "n".repeat(2047);
        String tooLong = "/" + "n".repeat(2048);

        assertEquals(
                1L,
                store.ssm()
                        .putParameter(b -> b.name(longest).value("v").type(ParameterType.STRING))
                        .version());
        assertThrows(
                ValidationException.class,
                () -> store.ssm().putParameter(b -> b.name(tooLong).value("v").type(ParameterType.STRING)));
    }
}
