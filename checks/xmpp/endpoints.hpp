#pragma once
// What the xmpp.* checks share: which XMPP edge servers were probed, or why none was.

#include <functional>
#include <string>

#include "core/check.hpp"

namespace mra::checks::xmpp {

using Judge = std::function<void(const facts::XmppEndpoint& endpoint, const std::string& subject)>;

// Calls `judge` for every XMPP edge server probed, subject "host:port"; not_run when none was,
// naming why (no Expressway-E, no edge configuration, no xmppEdgeServer in it).
void for_each_endpoint(const CheckContext& context, Results& results, const Judge& judge);

}  // namespace mra::checks::xmpp
