package com.mindflow.query;

import org.junit.jupiter.api.Test;

import com.mindflow.support.testing.ServiceArchitecture;
import com.tngtech.archunit.core.domain.JavaClasses;

/** Keeps query-service's features honest as they grow: see {@link ServiceArchitecture}. */
class ArchitectureTest {

    private static final String ROOT = "com.mindflow.query";
    private static final JavaClasses CLASSES = ServiceArchitecture.importProduction(ROOT);

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        ServiceArchitecture.featuresAreFreeOfCycles(ROOT).check(CLASSES);
    }

    @Test
    void domainCodeIsFreeOfFrameworkAndStoreTypes() {
        ServiceArchitecture.domainIsFreeOfFrameworks(ROOT).check(CLASSES);
    }

    @Test
    void neverReachesIntoAnotherService() {
        ServiceArchitecture.noAccessToOtherServices(ROOT).check(CLASSES);
    }
}
