package com.mindflow.support.jdbc;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * For the services that read two PostgreSQL databases (query and projection import it with {@code @Import}): {@code mindflow_read} (primary: Boot's JDBC support and the
 * {@code db} health check use it) and {@code mindflow_analytics}. Two explicit pools bound from
 * {@code mindflow.datasource.read.*} and {@code mindflow.datasource.analytics.*} (Hikari property names); inject
 * the {@link JdbcClient} you need by qualifier. Both appear under the {@code db} health component.
 */
@Configuration(proxyBeanMethods = false)
public class ReadAndAnalyticsDatabases {

    public static final String READ = "readJdbc";
    public static final String ANALYTICS = "analyticsJdbc";

    @Bean(destroyMethod = "close")
    @Primary
    @ConfigurationProperties("mindflow.datasource.read")
    HikariDataSource readDataSource() {
        return new HikariDataSource();
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("mindflow.datasource.analytics")
    HikariDataSource analyticsDataSource() {
        return new HikariDataSource();
    }

    @Bean(READ)
    @Primary
    JdbcClient readJdbc(@Qualifier("readDataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean(ANALYTICS)
    JdbcClient analyticsJdbc(@Qualifier("analyticsDataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
