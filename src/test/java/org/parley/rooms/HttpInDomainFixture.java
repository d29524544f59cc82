package org.parley.rooms;

import org.parley.web.ProblemException;

/**
 * Not a test: a deliberate breach of the architecture (domain code throwing an HTTP problem) that
 * ArchitectureTest's own check must catch. It lives in the test tree, which the rules do not scan.
 */
final class HttpInDomainFixture {

    static void refuse() {
        throw ProblemException.unauthenticated();
    }
}
