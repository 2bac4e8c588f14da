package com.sundaya.messaging.storage;

/**
 * The repository could not do the work now (closed, down, busy), but the same call may succeed later.
 * Callers retry with backoff; any other exception from a repository is permanent for that input.
 */
public class RepositoryUnavailableException extends RuntimeException {

    public RepositoryUnavailableException(String message) {
        super(message);
    }

    public RepositoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
