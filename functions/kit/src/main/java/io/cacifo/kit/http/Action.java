package io.cacifo.kit.http;

/** One {@code ?action=} of a function. Throw {@link ApiException} for caller mistakes; anything else is a 5xx. */
@FunctionalInterface
public interface Action {
    Reply run(Call call) throws Exception;
}
