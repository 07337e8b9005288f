#pragma once
// The options of the test SIP SERVICE exchange, shared by `run` and `sip`: where it goes and the
// client certificate for mutual TLS (e.g. the new Expressway-E certificate during a renewal).

#include <optional>
#include <string>

#include "cli/options.hpp"
#include "probe/sip/sip_probe.hpp"

namespace mra::cli {

void add_client_certificate_options(cxxopts::Options& options);

// HOST[:PORT], [V6][:PORT]: port 5061 by default; the host in lower case. InputError otherwise.
probe::sip::SipTarget parse_sip_target(const std::string& text);

// --client-cert with --client-key (both or neither; the key must be the certificate's).
std::optional<probe::tls::ClientIdentity> client_identity_of(const cxxopts::ParseResult& parsed);

}  // namespace mra::cli
