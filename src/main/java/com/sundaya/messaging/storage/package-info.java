/**
 * The analytics repository: {@link com.sundaya.messaging.storage.RowRepository} and its adapters.
 *
 * <p>Adding a store means one adapter class here and one test that extends {@code RowRepositoryContract}
 * (src/test), overriding its capability flags for what the store cannot promise.
 */
package com.sundaya.messaging.storage;
