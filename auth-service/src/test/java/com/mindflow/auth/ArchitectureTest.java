package com.mindflow.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Feature packages stay acyclic, and the low-level ones know nothing of the features built on them. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.mindflow.auth");

    @Test
    void featuresHaveNoCycles() {
        slices().matching("com.mindflow.auth.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void tokensAndSessionsDoNotDependOnAccounts() {
        noClasses().that().resideInAnyPackage("..auth.token..", "..auth.session..", "..auth.ratelimit..",
                "..auth.web..", "..auth.events..")
                .should().dependOnClassesThat().resideInAnyPackage("..auth.account..", "..auth.login..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEventsAdapterWritesToTheOutbox() {
        noClasses().that().resideOutsideOfPackage("..auth.events..")
                .should().dependOnClassesThat().resideInAPackage("com.mindflow.outbox..")
                .check(CLASSES);
    }
}
