package com.mindflow.support.requestlog;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Counts the body bytes written through {@link #getOutputStream()} (how Spring MVC writes JSON and files), so the
 * request log knows a response's size without {@code Content-Length}. A body written through the writer is known
 * only by its {@code Content-Length} header, if any.
 */
class CountingResponse extends HttpServletResponseWrapper {

    private ServletOutputStream counting;
    private long written;

    CountingResponse(HttpServletResponse response) {
        super(response);
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
