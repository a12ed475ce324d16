/** Hand-written code on top of the generated MicroTek clients: the token provider and the demo. */
@NullMarked
package com.mclabs.sample;

import org.jspecify.annotations.NullMarked;
