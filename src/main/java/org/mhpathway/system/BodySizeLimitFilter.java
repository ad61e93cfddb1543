package org.mhpathway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Refuses a request body larger than the limit with 413 and a problem+json body naming {@code body}. A declared
 * {@code Content-Length} over the limit is refused before anything else runs (no credential is checked, nothing is
 * read); a body without one (chunked) is counted as it is read and cut off at the limit: the reader fails, so the
 * handler never runs, and the answer becomes the same 413. Nothing is recorded either way.
 */
class BodySizeLimitFilter extends HttpFilter {

    static final String TITLE = "Request body too large";
    private static final Logger log = LoggerFactory.getLogger(BodySizeLimitFilter.class);

    private final long limit;
    private final transient ObjectMapper json;

    public BodySizeLimitFilter(long limit, ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    public long limit() {
        return limit;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        chain.doFilter(limited, response);
        if (limited.exceeded() && response.getStatus() != HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            if (response.isCommitted()) {
                log.warn("{} {}: body over {} bytes cut off after the answer had begun", request.getMethod(),
                        path(request), limit);
                return;
            }
            response.reset();
            refuse(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.info("Refused {} {}: body over {} bytes", request.getMethod(), path(request), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemResponses.PAYLOAD_TOO_LARGE.toString());
        body.put("title", TITLE);
        body.put("status", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        body.put("detail", "body " + tooLarge(limit));
        body.put("instance", request.getRequestURI());
        body.put("errors", List.of(new FieldProblem("body", tooLarge(limit))));
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        // the rest of an unread body is not worth reading: the client is told the connection ends here
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }

    static String tooLarge(long limit) {
        return "is larger than the " + limit + " bytes allowed";
    }

    /** For the log: a path may carry whatever a client typed, so NHS-number-like and date-like values are blanked. */
    private static String path(HttpServletRequest request) {
        return LogSafe.redact(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** The body was cut off at the limit: thrown by the stream to whoever reads it. */
    public static class BodyTooLargeException extends IOException {

        private final long limit;

        BodyTooLargeException(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** The request with its body counted as it is read. */
    static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private LimitedStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        boolean exceeded() {
            return stream != null && stream.exceeded;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;
        private boolean exceeded;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (exceeded) {
                throw new BodyTooLargeException(limit);
            }
            // never hand out more than one byte past the limit, so that nothing over it is ever seen whole
            int n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return exceeded || in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
