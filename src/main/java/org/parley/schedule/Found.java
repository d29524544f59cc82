package org.parley.schedule;

import java.util.List;

/** An event with its hosts, as one look-up finds them. */
record Found(ScheduledEvent event, List<EventStore.Host> hosts) {

    Found {
        hosts = List.copyOf(hosts);
    }

    /** The hosts who lead it: the creator and the co-hosts who accepted. */
    List<Long> acceptedHosts() {
        return hosts.stream().filter(EventStore.Host::accepted).map(EventStore.Host::memberId).toList();
    }

    boolean hostedBy(long member) {
        return hosts.stream().anyMatch(h -> h.accepted() && h.memberId() == member);
    }

    boolean askedToHost(long member) {
        return hosts.stream().anyMatch(h -> !h.accepted() && h.memberId() == member);
    }
}
