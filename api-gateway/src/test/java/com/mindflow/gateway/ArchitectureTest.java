package com.mindflow.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The gateway routes; it never links against a service's code. */
class ArchitectureTest {

    @Test
    void neverReachesIntoAService() {
        noClasses().that().resideInAPackage("com.mindflow.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mindflow.auth..", "com.mindflow.command..",
                        "com.mindflow.query..", "com.mindflow.projection..", "com.mindflow.ai..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.mindflow.gateway"));
    }
}
