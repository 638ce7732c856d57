package com.mindflow.query.semantic;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChunkIndex;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The query side of the embedding contract: LangChain4j's quantized all-MiniLM-L6-v2 ({@link JournalChunkIndex#MODEL},
 * ONNX inside the jar, in-process on the CPU; nothing leaves the machine), the model ai-processing-service embeds the
 * chunks with. Vectors are unit length, so a dot product is their cosine.
 *
 * <p>Loaded once, off the start-up path: the model takes about a second and ~150 MB to load, so it is loaded on a
 * background thread once the application is ready ({@code mindflow.semantic.preload}, default true) and a request that
 * comes earlier waits for that one load. Texts are embedded and forgotten: nothing is cached.
 */
@Component
public class Embeddings {

    private static final Logger log = LoggerFactory.getLogger(Embeddings.class);

    private final boolean preload;
    private volatile CompletableFuture<EmbeddingModel> model;

    Embeddings(@Value("${mindflow.semantic.preload:true}") boolean preload) {
        this.preload = preload;
    }

    @EventListener(ApplicationReadyEvent.class)
    void preload() {
        if (preload) {
            model();
        }
    }

    /** The vector of one text (a query, a question). */
    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    /** The vectors of texts, in their order; a text without a letter or digit gets the zero vector (like nothing). */
    public List<float[]> embedAll(List<String> texts) {
        List<String> words = texts.stream().filter(JournalChunkIndex::embeddable).toList();
        if (words.isEmpty()) {
            return texts.stream().map(text -> new float[JournalChunkIndex.DIMENSIONS]).toList();
        }
        Iterator<float[]> vectors = model().join().embedAll(words.stream().map(TextSegment::from).toList()).content()
                .stream().map(embedding -> embedding.vector()).iterator();
        return texts.stream().map(text -> JournalChunkIndex.embeddable(text) ? vectors.next()
                : new float[JournalChunkIndex.DIMENSIONS]).toList();
    }

    /** Cosine of two unit vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private CompletableFuture<EmbeddingModel> model() {
        CompletableFuture<EmbeddingModel> current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    current = new CompletableFuture<>();
                    model = current;
                    CompletableFuture<EmbeddingModel> loading = current;
                    Thread.ofPlatform().daemon().name("embedding-model-load").start(() -> load(loading));
                }
            }
        }
        return current;
    }

    private void load(CompletableFuture<EmbeddingModel> loading) {
        long t0 = System.nanoTime();
        try {
            loading.complete(new AllMiniLmL6V2QuantizedEmbeddingModel());
            log.info("Embedding model {} loaded in {} ms", JournalChunkIndex.MODEL,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        catch (RuntimeException | Error e) {
            log.error("Embedding model {} failed to load", JournalChunkIndex.MODEL, e);
            // The next request tries again instead of failing forever.
            synchronized (this) {
                model = null;
            }
            loading.completeExceptionally(e instanceof CompletionException ? e : new CompletionException(e));
        }
    }
}
