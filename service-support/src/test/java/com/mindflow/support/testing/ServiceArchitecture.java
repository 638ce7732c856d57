package com.mindflow.support.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every MindFlow service keeps (STYLE.md 1 and 12): features free of cycles, domain code free
 * of framework and adapter types, and no service reaching into another's code.
 */
public final class ServiceArchitecture {

    /** Root packages of every MindFlow service; a service may use only its own and the shared modules. */
    public static final List<String> SERVICE_PACKAGES = List.of("com.mindflow.auth", "com.mindflow.command",
            "com.mindflow.query", "com.mindflow.projection", "com.mindflow.ai", "com.mindflow.gateway");

    private ServiceArchitecture() {
    }

    public static JavaClasses importProduction(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** Features ({@code root.<feature>..}) never depend on each other in a circle. */
    public static ArchRule featuresAreFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /** {@code ..domain..} holds plain Java: no Spring, JPA, servlet, web, Jackson, Kafka or JDBC types. */
    public static ArchRule domainIsFreeOfFrameworks(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "jakarta.servlet..", "jakarta.ws..", "org.hibernate..", "tools.jackson..",
                        "com.fasterxml.jackson..", "org.apache.kafka..", "java.sql..", "javax.sql..",
                        "software.amazon..", "co.elastic..", "com.mongodb..", "io.lettuce..")
                .because("domain code states the rules of the business, independent of frameworks and stores")
                .allowEmptyShould(true);
    }

    /** A service uses its own packages and the shared modules, never another service's classes. */
    public static ArchRule noAccessToOtherServices(String rootPackage) {
        String[] others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(rootPackage)).map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share only shared-events, service-support and outbox");
    }
}
