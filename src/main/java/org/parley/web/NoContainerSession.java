package org.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Answers {@code getSession()} with one shared, empty, read-only session instead of a new servlet
 * container session. Parley's sessions are its own ({@code accounts.SessionHttp}); but Javalin's
 * WebSocket upgrade copies the request's session attributes, asking for a session and so creating one,
 * and Jetty keeps the upgrade request (with that session: its data, attribute map, inactivity timer,
 * ~600 bytes) for as long as the WebSocket lives. Nothing in Parley stores anything in a container
 * session; code that tried would fail loudly here rather than keep state per connection.
 *
 * <p>Stateless and thread-safe; one instance serves every request.
 */
public final class NoContainerSession extends HttpFilter {

    /** The session every request sees: no attributes, never stored, never sent as a cookie. */
    static final HttpSession NONE = new EmptySession();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession(boolean create) {
                return create ? NONE : null;
            }

            @Override
            public HttpSession getSession() {
                return NONE;
            }

            @Override
            public boolean isRequestedSessionIdValid() {
                return false;
            }
        }, response);
    }

    /** An empty session that refuses attributes. */
    private static final class EmptySession implements HttpSession {

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public String getId() {
            return "";
        }

        @Override
        public long getLastAccessedTime() {
            return 0;
        }

        @Override
        public ServletContext getServletContext() {
            return null;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
        }

        @Override
        public int getMaxInactiveInterval() {
            return 0;
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public void setAttribute(String name, Object value) {
            throw new UnsupportedOperationException("Parley keeps no servlet container sessions");
        }

        @Override
        public void removeAttribute(String name) {
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isNew() {
            return true;
        }
    }
}
