/**
 * The ICE-lite agent (<a href="https://www.rfc-editor.org/rfc/rfc8445#section-2.5">RFC 8445 §2.5</a>):
 * the server only answers connectivity checks from browsers (§7.3), learns their source addresses as
 * peer-reflexive candidates, takes the address a check nominates with USE-CANDIDATE as the one media
 * goes to, and keeps consent fresh (<a href="https://www.rfc-editor.org/rfc/rfc7675">RFC 7675</a>).
 * Credentials follow <a href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">RFC 8839 §5.4</a>.
 * No sockets here: the agent is fed a datagram, its source and the time, and says what to send back.
 */
package org.parley.media.ice;
