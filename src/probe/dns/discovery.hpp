#pragma once
// DNS discovery the way Jabber does it (Jabber 14.1 Planning Guide, Service discovery: separate,
// simultaneous SRV requests), for the external view and, when given, the internal one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/dns.hpp"
#include "probe/dns/resolver.hpp"
#include "util/deadline.hpp"

namespace mra::probe::dns {

// In each view, every SRV service of names.hpp under `domain` at once; then, again at once, A and AAAA
// for every distinct target of every answered SRV query in that view (except "."), so that the
// CNAME steps and addresses of each target are in the facts. The views run side by side. Queries come
// back sorted by view, name and type, so that reports and captures are stable. Never throws.
facts::DnsFacts discover(std::string_view domain, const ResolverAddress& external,
                         const std::optional<ResolverAddress>& internal, Deadline deadline);

// A and AAAA in the external view for each of `hosts` not asked yet (the servers get_edge_config
// names), added to `facts` in the same order. Never throws.
void resolve_hosts(facts::DnsFacts& facts, const ResolverAddress& external, const std::vector<std::string>& hosts,
                   Deadline deadline);

}  // namespace mra::probe::dns
