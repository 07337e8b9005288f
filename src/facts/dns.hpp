#pragma once
// What the DNS views answered. Filled by src/probe/dns, read by the dns.* checks and the run
// orchestrator (which follows SRV targets to A/AAAA).

#include <cstdint>
#include <string>
#include <vector>

#include "facts/bounds.hpp"

namespace mra::facts {

enum class DnsView { external, internal };

// How a query ended. `answer` means NOERROR with records of the asked type (possibly reached
// through a CNAME); `nodata` NOERROR without them.
enum class DnsOutcome { answer, nodata, nxdomain, servfail, refused, other_rcode, timeout, network_error, malformed };

struct SrvRecord {
    std::uint16_t priority = 0;
    std::uint16_t weight = 0;
    std::uint16_t port = 0;
    std::string target;  // as published, lower case, without the trailing dot ("." stays ".")
};

struct DnsQuery {
    DnsView view = DnsView::external;
    std::string resolver;  // "127.0.20.1:53"
    std::string name;      // lower case, no trailing dot
    std::string type;      // "SRV", "A", "AAAA"
    DnsOutcome outcome = DnsOutcome::timeout;
    std::string rcode;                // "NOERROR", "NXDOMAIN", … as the server said, empty without an answer
    std::string error;                // what went wrong, for timeout / network_error / malformed
    bool truncated_over_udp = false;  // TC was set, so the query was repeated over TCP
    std::vector<std::string> cnames;  // CNAME owner → target steps met on the way ("a.example.com -> b.example.com")
    std::vector<SrvRecord> srv;       // SRV answers, in RFC 2782 order (priority, then weight)
    std::vector<std::string> addresses;  // A/AAAA answers as text
    std::vector<Cut> cuts;               // the records of the answer beyond facts::max_listed, not kept
    std::int64_t duration_ms = 0;
};

struct DnsFacts {
    std::string external_resolver;  // as configured ("system" resolves to the first nameserver of /etc/resolv.conf)
    std::string internal_resolver;  // empty when no internal view was given
    std::vector<DnsQuery> queries;

    const DnsQuery* find(DnsView view, std::string_view name, std::string_view type) const {
        for (const auto& query : queries)
            if (query.view == view && query.name == name && query.type == type) return &query;
        return nullptr;
    }
};

}  // namespace mra::facts
