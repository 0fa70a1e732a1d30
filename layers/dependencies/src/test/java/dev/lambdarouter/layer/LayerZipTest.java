package dev.lambdarouter.layer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built layer zip ({@code target/dependencies-layer.zip}): its size limit, and that the slimmed SDK service jar
 * (module layer-sdk-slim) links on the layer's own class path, with nothing else on it.
 */
class LayerZipTest {

    /** Issue 11: the layer stays at or under 20 MB unzipped (the sum of its files' sizes). */
    private static final long MAX_UNZIPPED_BYTES = 20_000_000L;

    private static final String SLIM_JAR = "java/lib/layer-sdk-slim-";

    /**
     * Classes of layer-sdk-slim that the router and the rollout controller initialise: the sync clients (linking them
     * loads every operation's request and response class), every modeled exception (registered when a client is
     * built), and the operations they call, whole: SSM GetParameter(s), GetParametersByPath, PutParameter, Lambda
     * Invoke, CloudWatch GetMetricData and DescribeAlarms, SNS Publish.
     */
    private static final Pattern INITIALISED =
            Pattern.compile("software\\.amazon\\.awssdk\\.services\\.(ssm|lambda|cloudwatch|sns)\\."
                    + "(DefaultSsmClient|SsmClient|DefaultLambdaClient|LambdaClient|DefaultSsmClientBuilder"
                    + "|DefaultLambdaClientBuilder|DefaultCloudWatchClient|CloudWatchClient|DefaultCloudWatchClientBuilder"
                    + "|DefaultSnsClient|SnsClient|DefaultSnsClientBuilder"
                    + "|endpoints\\..*|auth\\..*|model\\.[A-Za-z]*Exception.*"
                    + "|model\\.(GetParameter|GetParameters|GetParametersByPath|PutParameter)(Request|Response)(\\$.*)?"
                    + "|model\\.(Parameter|ParameterType|ParameterStringFilter|ParameterTier|Tag)(\\$.*)?"
                    + "|model\\.(InvokeRequest|InvokeResponse|InvocationType|LogType)(\\$.*)?"
                    + "|model\\.(GetMetricData|DescribeAlarms|Publish)(Request|Response)(\\$.*)?"
                    + "|model\\.MessageAttributeValue(\\$.*)?"
                    + "|model\\.(MetricDataQuery|MetricDataResult|MetricStat|Metric|Dimension|LabelOptions|MessageData|ScanBy"
                    + "|StatusCode|StandardUnit|MetricAlarm|CompositeAlarm|LogAlarm|AlarmType|StateValue|Statistic"
                    + "|ComparisonOperator|EvaluationState|EvaluationCriteria|EvaluationWindow|AlarmPromQLCriteria"
                    + "|SlidingWindow|WallClockWindow|ScheduleConfiguration|ScheduledQueryConfiguration"
                    + "|DashboardValidationMessage|ActionsSuppressedBy)(\\$.*)?"
                    + "|transform\\.(GetParameter|GetParameters|GetParametersByPath|PutParameter|Invoke|GetMetricData"
                    + "|DescribeAlarms|Publish)RequestMarshaller"
                    + "|paginators\\.GetParametersByPathIterable(\\$.*)?)");

    /**
     * The protocols of the slimmed clients must be in the layer too: CloudWatch speaks Smithy RPC v2 CBOR (SDK 2.50),
     * so its protocol factory and the SDK's shaded CBOR parser; SNS speaks the AWS query protocol.
     */
    private static final List<String> PROTOCOLS = List.of(
            "software.amazon.awssdk.protocols.rpcv2.SmithyRpcV2CborProtocolFactory",
            "software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory",
            "software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory");

    private static final Path LAYER_ZIP = Path.of(System.getProperty("layer.zip", "target/dependencies-layer.zip"));

    @Test
    void layerIsAtMostTwentyMegabytesUnzipped() throws IOException {
        long unzipped = 0;
        try (ZipFile zip = new ZipFile(LAYER_ZIP.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                unzipped += Math.max(entry.getSize(), 0);
            }
        }
        assertTrue(
                unzipped <= MAX_UNZIPPED_BYTES,
                "the dependencies layer is " + unzipped + " bytes unzipped; the limit is " + MAX_UNZIPPED_BYTES
                        + " (see the README's \"Dependencies layer size\")");
    }

    @Test
    void slimmedServiceClassesLinkOnTheLayerClassPathAlone(@TempDir Path opt) throws Exception {
        List<URL> classPath = new ArrayList<>();
        List<String> slimClasses = new ArrayList<>();
        try (ZipFile zip = new ZipFile(LAYER_ZIP.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.isDirectory() || !entry.getName().endsWith(".jar")) {
                    continue;
                }
                Path jar = opt.resolve(Path.of(entry.getName()).getFileName().toString());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                }
                classPath.add(jar.toUri().toURL());
                if (entry.getName().startsWith(SLIM_JAR)) {
                    slimClasses.addAll(classNames(jar));
                }
            }
        }
        assertTrue(slimClasses.size() > 100, "layer-sdk-slim's jar is in the layer: " + slimClasses.size());

        List<Executable> checks = new ArrayList<>();
        try (URLClassLoader layer =
                new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            for (String name : slimClasses) {
                boolean initialise = INITIALISED.matcher(name).matches();
                checks.add(() -> assertDoesNotThrow(
                        () -> Class.forName(name, initialise, layer),
                        (initialise ? "initialise " : "load ") + name + " on the layer's class path"));
            }
            for (String name : PROTOCOLS) {
                checks.add(() -> assertDoesNotThrow(
                        () -> Class.forName(name, true, layer), "initialise " + name + " on the layer's class path"));
            }
            assertAll(checks);
            for (String client : List.of(
                    "software.amazon.awssdk.services.ssm.SsmClient",
                    "software.amazon.awssdk.services.cloudwatch.CloudWatchClient",
                    "software.amazon.awssdk.services.sns.SnsClient")) {
                assertEquals(
                        layer, Class.forName(client, false, layer).getClassLoader(), client + " comes from the layer");
            }
        }
    }

    private static List<String> classNames(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.equals("module-info.class")) {
                    names.add(
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
