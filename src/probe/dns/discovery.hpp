#pragma once
// DNS discovery the way Jabber does it (Jabber 14.1 Planning Guide, Service discovery: separate,
// simultaneous SRV requests), for the external view and, when given, the internal one.

#include <optional>
#include <string_view>

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

}  // namespace mra::probe::dns
