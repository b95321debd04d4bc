/**
 * Jakarta Servlet 6 adapter of the login example.
 *
 * <p>{@link dev.edgepass.examples.servlet.LoginServlet} serves the login endpoint from any
 * Servlet 6 container; {@link dev.edgepass.examples.servlet.SignedCookieFilter} guards a path
 * with CloudFront signed cookies the way CloudFront does, for teams serving the private content
 * from their own origin.
 */
package dev.edgepass.examples.servlet;
