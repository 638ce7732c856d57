/**
 * Sentence embeddings of entries for semantic search: the entry cut into passages, each turned into a vector by a
 * model that ships on the classpath and runs on the CPU (nothing is downloaded at run time).
 */
package com.mindflow.ai.embedding;
