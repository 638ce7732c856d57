package com.mindflow.ai.embedding;

import java.util.List;

/** Turns passages into unit-length vectors of {@link #dimensions()} floats. */
public interface SentenceEmbedder {

    /** The model's name, stored with every vector: vectors of different models never mix. */
    String model();

    int dimensions();

    List<float[]> embed(List<String> passages);
}
