package dev.lambdarouter.localstack.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    private static final LocalAccount ACCOUNT = new LocalAccount("us-east-1", "123456789012", "stack");

    @TempDir
    Path dir;

    private static Path projectRoot() {
        String root = System.getProperty("project.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    @Test
    void readsTheProjectTemplateAsDeployed() throws IOException {
        Path root = projectRoot();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), root, Map.of(), ACCOUNT);

        assertEquals(
                List.of(
                        "RouterFunction",
                        "OrdersV1Function",
                        "OrdersV2Function",
                        "ReportJobsFunction",
                        "RolloutControllerFunction"),
                template.functions().stream().map(FunctionSpec::logicalId).toList());
        FunctionSpec router = template.functions().get(0);
        assertEquals("lambda-router-dev-router", router.functionName());
        assertEquals("dev.lambdarouter.router.RouterHandler::handleRequest", router.handler());
        assertEquals(root.resolve("router-function/target/router-function.zip"), router.codeUri());
        assertEquals(List.of(root.resolve("layers/dependencies/target/dependencies-layer.zip")), router.layers());
        assertEquals(512, router.memoryMb());
        assertEquals(30, router.timeoutSeconds());
        assertEquals("live", router.alias());
        assertEquals("/lambda-router/dev", router.environment().get("ROUTER_CONFIG_PREFIX"));
        assertTrue(
                router.environment().get("ROUTER_CONFIG_TTL_SECONDS").matches("[0-9]+"),
                "!Ref RouteCacheTtlSeconds resolves to the parameter's default");
        assertEquals(
                "lambda-router-dev-orders-v1,lambda-router-dev-orders-v2,lambda-router-dev-report-jobs",
                router.environment().get("ROUTER_ALLOWED_FUNCTIONS"));
        assertEquals(
                "https://lambda.us-east-1.amazonaws.com", router.environment().get("AWS_ENDPOINT_URL_LAMBDA"));
        assertEquals(
                "60", router.environment().get("ROUTER_ALB_IDLE_TIMEOUT_SECONDS"), "the ALB idle timeout's parameter");
        assertEquals("WARN", router.logging().systemLevel());

        FunctionSpec reports = template.functions().get(3);
        assertEquals(512, reports.memoryMb(), "MemorySize from Globals");
        assertEquals(60, reports.timeoutSeconds(), "the function's Timeout wins over Globals");
        assertEquals(2, reports.asyncRetries());
        assertNull(reports.reservedConcurrency());

        TargetGroupSpec group = template.targetGroup().orElseThrow();
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:lambda-router-dev-router:live", group.target());
        assertTrue(group.multiValueHeaders());
        assertTrue(group.healthCheckEnabled());
        assertEquals("/_router/health", group.healthCheckPath());
        assertTrue(
                group.arn()
                        .startsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/"
                                + "lambda-router-dev/"),
                group.arn());

        Map<String, String> parameters = template.ssmParameters();
        assertTrue(parameters.get("/lambda-router/dev/version").matches("seed-[0-9a-f]{12}"));
        assertEquals(
                "lambda-router-dev-orders-v1,lambda-router-dev-orders-v2,lambda-router-dev-report-jobs",
                parameters.get("/lambda-router/dev/allowed-functions"));
        assertTrue(parameters
                .get("/lambda-router/dev/routes/orders")
                .contains("{\"function\": \"lambda-router-dev-orders-v2\", \"weight\": 10}"));
        assertEquals(5, parameters.size());
    }

    @Test
    void templateParametersReplaceDefaults() throws IOException {
        Path root = projectRoot();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), root, Map.of("Stage", "qa"), ACCOUNT);
        assertEquals("lambda-router-qa-router", template.functions().get(0).functionName());
        assertTrue(template.ssmParameters().containsKey("/lambda-router/qa/version"));
    }

    @Test
    void resolvesConditionsSubVariablesAndGlobalsMerging() throws IOException {
        Path file = write("""
                Parameters:
                  Mode:
                    Type: String
                    Default: fast
                  Size:
                    Type: Number
                    Default: 256
                Conditions:
                  IsFast: !Equals [!Ref Mode, fast]
                Globals:
                  Function:
                    Timeout: 5
                    Environment:
                      Variables:
                        SHARED: global
                        OVERRIDDEN: global
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      CodeUri: build/fn.zip
                      MemorySize: !Ref Size
                      ReservedConcurrentExecutions: 2
                      Environment:
                        Variables:
                          OVERRIDDEN: own
                          PICKED: !If [IsFast, yes-fast, no-slow]
                          SUBBED: !Sub "${Mode}-${AWS::Region}-${Fn.Arn}"
                          DROPPED: !If [IsFast, !Ref AWS::NoValue, kept]
                """);
        FunctionSpec fn =
                SamTemplate.load(file, dir, Map.of(), ACCOUNT).functions().get(0);
        assertEquals("Fn", fn.functionName(), "no FunctionName: the logical ID");
        assertEquals(dir.resolve("build/fn.zip"), fn.codeUri());
        assertEquals(256, fn.memoryMb());
        assertEquals(5, fn.timeoutSeconds());
        assertEquals(2, fn.reservedConcurrency());
        assertEquals("global", fn.environment().get("SHARED"));
        assertEquals("own", fn.environment().get("OVERRIDDEN"));
        assertEquals("yes-fast", fn.environment().get("PICKED"));
        assertEquals(
                "fast-us-east-1-arn:aws:lambda:us-east-1:123456789012:function:Fn",
                fn.environment().get("SUBBED"));
        assertFalse(fn.environment().containsKey("DROPPED"));

        FunctionSpec slow = SamTemplate.load(file, dir, Map.of("Mode", "slow"), ACCOUNT)
                .functions()
                .get(0);
        assertEquals("no-slow", slow.environment().get("PICKED"));
        assertEquals("kept", slow.environment().get("DROPPED"));
    }

    @Test
    void aParameterWithoutDefaultFailsOnlyWhenNeededAndSaysWhichOne() throws IOException {
        Path file = write("""
                Parameters:
                  VpcId:
                    Type: String
                Resources:
                  Unused:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      VpcId: !Ref VpcId
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      CodeUri: fn.zip
                      Environment:
                        Variables:
                          VPC: !Ref VpcId
                """);
        TemplateException e =
                assertThrows(TemplateException.class, () -> SamTemplate.load(file, dir, Map.of(), ACCOUNT));
        assertTrue(e.getMessage().contains("VpcId has no Default"), e.getMessage());
        assertTrue(e.getMessage().contains("resource Fn"), e.getMessage());
        assertEquals(
                "vpc-1",
                SamTemplate.load(file, dir, Map.of("VpcId", "vpc-1"), ACCOUNT)
                        .functions()
                        .get(0)
                        .environment()
                        .get("VPC"));
    }

    @Test
    void resourcesWithoutALocalCounterpartAreSkippedUnevaluatedAndCanBeReferenced() throws IOException {
        Path file = write("""
                Parameters:
                  Stage:
                    Type: String
                    Default: dev
                  AlarmEmail:
                    Type: String
                Conditions:
                  HasEmail: !Not [!Equals [!Ref AlarmEmail, ""]]
                Resources:
                  AlarmTopic:
                    Type: AWS::SNS::Topic
                    Condition: HasEmail
                    Properties:
                      TopicName: !Sub "${Stage}-alarms"
                      Subscription: !If [HasEmail, [{Endpoint: !Ref AlarmEmail, Protocol: email}], !Ref AWS::NoValue]
                  ErrorsAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      AlarmActions: [!Ref AlarmTopic]
                      Dimensions:
                        - Name: FunctionName
                          Value: !Ref Fn
                      Metrics: !Select [0, !Split [",", !Join [",", [a, b]]]]
                      Threshold: !FindInMap [Limits, !Ref Stage, Errors]
                  Dashboard:
                    Type: AWS::CloudWatch::Dashboard
                    Condition: NoSuchCondition
                    Properties:
                      DashboardBody: !Sub |
                        {"widgets": [{"properties": {"region": "${AWS::Region}", "title": "${Fn.Arn} ${Undefined}"}}]}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      CodeUri: fn.zip
                      Environment:
                        Variables:
                          TOPIC: !Ref ErrorsAlarm
                          DASHBOARD: !GetAtt Dashboard.Arn
                """);

        SamTemplate template = SamTemplate.load(file, dir, Map.of(), ACCOUNT);

        assertEquals(
                List.of("Fn"),
                template.functions().stream().map(FunctionSpec::logicalId).toList());
        Map<String, String> env = template.functions().get(0).environment();
        assertEquals("arn:aws:local:us-east-1:123456789012:ErrorsAlarm", env.get("TOPIC"));
        assertEquals("arn:aws:local:us-east-1:123456789012:Dashboard", env.get("DASHBOARD"));
        // An alarm with functions the stack does not evaluate is kept, by its logical ID, without its details.
        assertEquals(List.of("ErrorsAlarm"), List.copyOf(template.alarms().keySet()));
        assertEquals(
                "{\"AlarmName\":\"ErrorsAlarm\"}",
                template.alarms().get("ErrorsAlarm").toString());
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
