/**
 * Implementation details of the login example: PKCE, the signed login-state cookie, redirect
 * validation, form and cookie parsing, and the token-endpoint client. Not a public API.
 */
package dev.edgepass.examples.login.internal;
