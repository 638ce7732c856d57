package com.mindflow.ai.embedding;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChunkIndex;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * LangChain4j's quantized all-MiniLM-L6-v2 (ONNX, 23 MB, inside the jar): loaded once at start, in-process, on the
 * CPU; nothing leaves the machine and nothing is downloaded. query-service embeds queries with the same model.
 */
@Component
class MiniLmEmbedder implements SentenceEmbedder {

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);

    private final EmbeddingModel model;

    MiniLmEmbedder() {
        long t0 = System.nanoTime();
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        log.info("Embedding model {} loaded in {} ms", JournalChunkIndex.MODEL, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public String model() {
        return JournalChunkIndex.MODEL;
    }

    @Override
    public int dimensions() {
        return JournalChunkIndex.DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> passages) {
        if (passages.isEmpty()) {
            return List.of();
        }
        return model.embedAll(passages.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector()).toList();
    }
}
