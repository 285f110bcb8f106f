package org.bizhall.engine.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.bizhall.params.ParamsSchema;

/**
 * The engine's one params validator ({@link ParamsSchema}), built once. The first one loads about 700 classes
 * (Jackson's databind and the JSON Schema library), 0.15–0.25 s of a first start on two CPUs, and the order service
 * that checks params with it is activated only once the store's persistence unit is built, on the path to the API's
 * first answer. {@link ParamsSchemaPreload} starts building it on a thread of its own when the engine bundle starts,
 * a second or so before that, so the order service finds it ready (docs/benchmarks.md, "Boot to a healthy node").
 */
final class ParamsSchemaLoader {
    /** The engine's; tests make their own. */
    static final ParamsSchemaLoader ENGINE = new ParamsSchemaLoader(ParamsSchema::new);

    static final String THREAD = "bizhall-params-schema";

    private final Supplier<ParamsSchema> factory;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<ParamsSchema> schema = new CompletableFuture<>();

    ParamsSchemaLoader(Supplier<ParamsSchema> factory) {
        this.factory = factory;
    }

    /** Starts building the validator on a daemon thread, unless it is built or being built already. */
    void startLoading() {
        if (started.compareAndSet(false, true)) {
            Thread loader = new Thread(this::build, THREAD);
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** The validator; built by the caller when nobody started it, waited for while it is being built. */
    ParamsSchema schema() {
        if (started.compareAndSet(false, true)) {
            build();
        }
        return schema.join();
    }

    private void build() {
        try {
            schema.complete(factory.get());
        } catch (RuntimeException | Error e) {
            schema.completeExceptionally(e);
        }
    }
}
