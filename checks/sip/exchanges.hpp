#pragma once
// What the sip.* checks share: which SIP endpoints were probed (or why none was), and the
// exchange of one method on an endpoint.

#include <functional>
#include <string>

#include "core/check.hpp"

namespace mra::checks::sip {

using Judge = std::function<void(const facts::SipEndpoint& endpoint, const std::string& subject)>;

// Calls `judge` for every SIP edge server probed, subject "host:port"; not_run for what could not
// be probed, naming why.
void for_each_endpoint(const CheckContext& context, Results& results, const Judge& judge);

// As for_each_endpoint, but only where TLS was established; not_run for the others (see sip.tls).
void for_each_connected(const CheckContext& context, Results& results, const Judge& judge);

// The last exchange of `method` for `purpose` ("" the plain one; REGISTER "register" with the test
// user's credentials, "unregister") on `endpoint`, or null.
const facts::SipExchange* exchange_of(const facts::SipEndpoint& endpoint, const std::string& method,
                                      const std::string& purpose = "");

// "no final response within 5000 ms", "the connection closed before a response", … for an
// exchange that did not get a response.
std::string describe_failure(const facts::SipExchange& exchange);

Evidence evidence_of(const facts::SipExchange& exchange);

}  // namespace mra::checks::sip
