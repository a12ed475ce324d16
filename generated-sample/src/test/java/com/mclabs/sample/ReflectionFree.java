package com.mclabs.sample;

import com.mclabs.microtek.MicroTek;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;

/**
 * The client's own Moshi with one more factory, added last: it fails for any MicroTek type no generated adapter
 * served, so that a test using it proves the client reads and writes JSON without Moshi's reflective adapters.
 */
final class ReflectionFree {
    private ReflectionFree() {}

    static Moshi moshi() {
        return MicroTek.moshiBuilder()
                .add((type, annotations, moshi) -> {
                    if (Types.getRawType(type).getName().startsWith("com.mclabs.")) {
                        throw new AssertionError("no generated adapter for " + type + ": Moshi would use reflection");
                    }
                    return null;
                })
                .build();
    }
}
