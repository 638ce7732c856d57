package com.mindflow.support.requestlog;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Counts the body bytes written through {@link #getOutputStream()} (how Spring MVC writes JSON and files), so the
 * request log knows a response's size without {@code Content-Length}. A body written through the writer is known
 * only by its {@code Content-Length} header, if any.
 *
 * <p>Runs a hook once, just before the answer can commit (its body is about to be written, it is flushed, or it is an
 * error or redirect), when the headers can still be set: by then Spring Security and the handler mapping have run.
 */
class CountingResponse extends HttpServletResponseWrapper {

    private ServletOutputStream counting;
    private long written;
    private Runnable beforeCommit;

    CountingResponse(HttpServletResponse response) {
        this(response, null);
    }

    /** @param beforeCommit run once before the response may commit; {@code null} for none */
    CountingResponse(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    /** Runs the hook unless it ran already. */
    void beforeCommit() {
        Runnable hook = beforeCommit;
        if (hook != null) {
            beforeCommit = null;
            hook.run();
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        beforeCommit();
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    /** The body's size in bytes, or {@code null} when unknown. */
    Long size() {
        if (counting != null) {
            return written;
        }
        String length = getHeader("Content-Length");
        try {
            return length == null ? null : Long.valueOf(length);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        beforeCommit();
        if (counting == null) {
            ServletOutputStream out = super.getOutputStream();
            counting = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    written++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    written += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }
        return counting;
    }
}
