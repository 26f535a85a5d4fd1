package dev.blau.common.problem;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * No API body is larger than a few kilobytes: anything over 64 KiB is refused with 413
 * before it is parsed, whether it announces its length or streams it in chunks. A method
 * marked {@link OwnBodyLimit} (an upload) counts its body against its own limit instead.
 */
@Provider
public class RequestSizeLimitFilter implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource != null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(OwnBodyLimit.class)) {
            return;
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            request.abortWith(tooLarge());
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), MAX_BODY_BYTES));
        }
    }

    static Response tooLarge() {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.").toResponse().build();
    }

    /** Fails the read once more than {@code limit} bytes have come. */
    static final class LimitedInputStream extends FilterInputStream {

        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw new WebApplicationException(tooLarge());
            }
        }
    }
}
