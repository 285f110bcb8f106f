package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionException;

import org.bizhall.params.ParamsSchema;
import org.junit.Test;

/**
 * The params validator is built once, off the path of the order service's activation when the engine started its
 * loading (a first start's boot), and by the first caller otherwise.
 */
public class ParamsSchemaLoaderTest {
    private final List<String> builtOn = new CopyOnWriteArrayList<>();

    private ParamsSchema recordingBuild() {
        builtOn.add(Thread.currentThread().getName());
        return new ParamsSchema();
    }

    @Test
    public void startedAtTheEngineStartItIsBuiltOnItsOwnThreadAndOnce() {
        ParamsSchemaLoader loader = new ParamsSchemaLoader(this::recordingBuild);
        loader.startLoading();
        loader.startLoading();
        ParamsSchema first = loader.schema();

        assertSame(first, loader.schema());
        assertEquals(List.of(ParamsSchemaLoader.THREAD), builtOn);
    }

    @Test
    public void notStartedTheFirstCallerBuildsIt() {
        ParamsSchemaLoader loader = new ParamsSchemaLoader(this::recordingBuild);
        ParamsSchema first = loader.schema();
        loader.startLoading();

        assertSame(first, loader.schema());
        assertEquals(List.of(Thread.currentThread().getName()), builtOn);
    }

    @Test
    public void aValidatorThatCannotBeBuiltFailsEveryCaller() {
        ParamsSchemaLoader loader = new ParamsSchemaLoader(() -> {
            throw new IllegalStateException("no validator");
        });
        loader.startLoading();

        assertThrows(CompletionException.class, loader::schema);
        assertThrows(CompletionException.class, loader::schema);
    }
}
