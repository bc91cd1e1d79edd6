package gg.deltacrown.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies above {@code MAX_REQUEST_BODY_SIZE} get 413 before they are buffered: at once when
 * the {@code Content-Length} says so, and for a body of unknown length (chunked) as soon as the
 * reader passes the limit. The connection is closed, so the rest is never read. Form bodies are
 * parsed by Tomcat, which has the same limit ({@code server.tomcat.max-http-form-post-size}).
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    private final long limit;

    RequestBodyLimit(WebLimits limits) {
        this.limit = limits.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(declared < 0 ? new Limited(request, limit) : request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!causedBy(e) || response.isCommitted()) {
                throw e;
            }
            refuse(request, response);
        }
    }

    static boolean causedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ErrorBodies.send(
                request,
                response,
                HttpStatus.PAYLOAD_TOO_LARGE,
                FrameworkError.PAYLOAD_TOO_LARGE,
                "Request body too large: at most " + limit + " bytes are accepted.",
                null);
    }

    /** Thrown by the reader of a body of unknown length once it passes the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body above the limit", null, false, false);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
        }
    }

    private static Charset charset(String encoding) {
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream body;
        private final long limit;
        private long count;

        Counting(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
