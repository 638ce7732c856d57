package com.mindflow.ai.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChunkIndex;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * LangChain4j's quantized all-MiniLM-L6-v2 (ONNX, 23 MB, inside the jar): loaded once at start, in-process, on the
 * CPU; nothing leaves the machine and nothing is downloaded. query-service embeds queries with the same model.
 *
 * <p>The session is built here rather than by {@code AllMiniLmL6V2QuantizedEmbeddingModel}, whose defaults run each
 * inference on a spinning thread per core and fan passages out to another pool (PerEntryWorkBenchmark: 39 ms of CPU
 * per entry against 35 ms here). Each inference is one thread that sleeps when idle; an entry's passages are spread
 * over {@code mindflow.embedding.threads} of them (default 2), so a long entry's vectors come in half the time (p99
 * 64 ms → 36 ms) for the same CPU. {@link EmbeddingLane} runs one entry at a time, so the service never embeds on
 * more than those threads; the local stack runs it at a lower CPU priority, a cluster bounds it with its CPU limit.
 */
@Component
class MiniLmEmbedder implements SentenceEmbedder {

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);

    /** The quantized model and its tokenizer, as the LangChain4j artifact ships them. */
    private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

    private final EmbeddingModel model;

    MiniLmEmbedder(@Value("${mindflow.embedding.threads:2}") int threads) {
        long t0 = System.nanoTime();
        OnnxBertBiEncoder encoder = load();
        this.model = new AbstractInProcessEmbeddingModel(passageExecutor(threads)) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }

            @Override
            protected Integer knownDimension() {
                return JournalChunkIndex.DIMENSIONS;
            }
        };
        log.info("Embedding model {} loaded in {} ms", JournalChunkIndex.MODEL, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One passage per task; one thread means on the caller's, one after the other. */
    private static Executor passageExecutor(int threads) {
        if (threads <= 1) {
            return Runnable::run;
        }
        return Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("embedding-", 1).factory());
    }

    private static OnnxBertBiEncoder load() {
        ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
        try (InputStream onnx = Objects.requireNonNull(loader.getResourceAsStream(MODEL_FILE), MODEL_FILE);
                InputStream tokenizer = Objects.requireNonNull(loader.getResourceAsStream(TOKENIZER_FILE),
                        TOKENIZER_FILE);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        }
        catch (IOException | OrtException e) {
            throw new IllegalStateException("Could not load the embedding model " + MODEL_FILE, e);
        }
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
