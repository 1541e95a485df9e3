package com.anchorhealth.server;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The hexagon, checked over every module's production classes (the server sees them all): the
 * dependencies point inward, and only the adapters (and the wiring) know protobuf, gRPC or SQL.
 * Every package a rule names must hold classes, so that no rule can silently check nothing.
 */
class ArchitectureTest {
    private static final String DOMAIN = "com.anchorhealth.domain..";
    private static final String APPLICATION = "com.anchorhealth.application..";
    private static final String GRPC_ADAPTER = "com.anchorhealth.adapter.grpc..";
    private static final String PERSISTENCE_ADAPTER = "com.anchorhealth.adapter.persistence..";
    private static final String WEB_ADAPTER = "com.anchorhealth.adapter.web..";
    private static final String KAFKA_ADAPTER = "com.anchorhealth.adapter.kafka..";
    private static final String ACCESS = "com.anchorhealth.adapter.access..";
    private static final String SERVER = "com.anchorhealth.server..";
    private static final String API = "com.anchorhealth.api..";

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.anchorhealth");
    }

    @ParameterizedTest
    @ValueSource(strings = {DOMAIN, APPLICATION, GRPC_ADAPTER, PERSISTENCE_ADAPTER, WEB_ADAPTER, KAFKA_ADAPTER, ACCESS, SERVER,
            API})
    void everyPackageARuleNamesHoldsClasses(String packagePattern) {
        assertFalse(production.that(JavaClass.Predicates.resideInAPackage(packagePattern)).isEmpty(), packagePattern + " holds no classes");
    }

    @Test
    void domainIsPureJava() {
        check(classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.."));
    }

    @Test
    void domainReadsNoClock() {
        check(noClasses().that().resideInAPackage(DOMAIN)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis"));
    }

    @Test
    void applicationDependsOnlyOnTheDomainAndTheStandardInjectAnnotations() {
        check(classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..",
                        "jakarta.inject.."));
    }

    /**
     * The driving adapters share only the access rules (tokens, roles, the access each method declares
     * in the contract, which is why they alone beside gRPC read the contract's descriptors).
     */
    @Test
    void adaptersDoNotDependOnEachOther() {
        check(noClasses().that().resideInAPackage(GRPC_ADAPTER)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_ADAPTER, WEB_ADAPTER));
        check(noClasses().that().resideInAPackage(WEB_ADAPTER)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_ADAPTER, GRPC_ADAPTER, API));
        check(noClasses().that().resideInAPackage(PERSISTENCE_ADAPTER)
                .should().dependOnClassesThat().resideInAnyPackage(GRPC_ADAPTER, WEB_ADAPTER, KAFKA_ADAPTER, ACCESS, API));
        check(noClasses().that().resideInAPackage(KAFKA_ADAPTER)
                .should().dependOnClassesThat().resideInAnyPackage(GRPC_ADAPTER, WEB_ADAPTER, PERSISTENCE_ADAPTER, ACCESS));
        check(noClasses().that().resideInAnyPackage(GRPC_ADAPTER, WEB_ADAPTER, ACCESS)
                .should().dependOnClassesThat().resideInAPackage(KAFKA_ADAPTER));
        check(classes().that().resideInAPackage(ACCESS)
                .should().onlyDependOnClassesThat().resideInAnyPackage(ACCESS, API, "com.google.protobuf..",
                        "java..", "javax.crypto.."));
    }

    @Test
    void nothingInsideDependsOnTheServer() {
        check(noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION, GRPC_ADAPTER, PERSISTENCE_ADAPTER, WEB_ADAPTER,
                        KAFKA_ADAPTER, ACCESS)
                .should().dependOnClassesThat().resideInAPackage(SERVER));
    }

    /** The Kafka adapter publishes the contract's StandingChange message, and knows nothing of gRPC. */
    @Test
    void onlyTheGrpcAdapterTheAccessRulesAndTheWiringKnowProtobufAndGrpc() {
        check(noClasses().that().resideOutsideOfPackages(GRPC_ADAPTER, SERVER, API, ACCESS, KAFKA_ADAPTER)
                .should().dependOnClassesThat().resideInAnyPackage(API, "io.grpc..", "com.google.protobuf..",
                        "com.google.rpc.."));
        check(noClasses().that().resideInAPackage(KAFKA_ADAPTER)
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "com.google.rpc.."));
    }

    @Test
    void onlyTheKafkaAdapterAndTheWiringKnowKafka() {
        check(noClasses().that().resideOutsideOfPackages(KAFKA_ADAPTER, SERVER)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.."));
    }

    @Test
    void onlyThePersistenceAdapterAndTheWiringKnowSql() {
        check(noClasses().that().resideOutsideOfPackages(PERSISTENCE_ADAPTER, SERVER)
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..",
                        "org.flywaydb..", "com.zaxxer.."));
    }

    /** Features and the domain's parts depend on each other one way only, so each can be read and changed alone. */
    @ParameterizedTest
    @ValueSource(strings = {"com.anchorhealth.domain.(*)..", "com.anchorhealth.application.(*).."})
    void packagesAreFreeOfCycles(String slicePattern) {
        check(slices().matching(slicePattern).should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
