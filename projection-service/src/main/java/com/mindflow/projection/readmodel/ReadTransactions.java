package com.mindflow.projection.readmodel;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Transactions on the read database: the change and its processed-event marker commit together. */
@Component
class ReadTransactions {

    private final TransactionTemplate template;

    ReadTransactions(@Qualifier("readDataSource") DataSource readDataSource) {
        this.template = new TransactionTemplate(new DataSourceTransactionManager(readDataSource));
    }

    TransactionTemplate template() {
        return template;
    }
}
