package com.mindflow.projection.search;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchIndexSettings.class)
class SearchIndexConfiguration {
}
