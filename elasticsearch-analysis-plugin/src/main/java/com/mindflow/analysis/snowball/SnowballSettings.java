package com.mindflow.analysis.snowball;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** The settings of a {@code snowball} filter in an index's analysis settings; Elasticsearch implements this interface. */
@AnalysisSettings
public interface SnowballSettings {

    /** A Snowball stemmer name such as {@code English}, {@code French} or {@code Porter}; the first letter's case is ignored. */
    @StringSetting(path = "language", defaultValue = "English")
    String language();
}
