package com.mindflow.analysis.asciifolding;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/** The settings of an {@code asciifolding} filter in an index's analysis settings; Elasticsearch implements this interface. */
@AnalysisSettings
public interface AsciiFoldingSettings {

    /** Emit the unfolded token too, at the same position (same name and default as Elasticsearch's own filter). */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
