#pragma once
// The options of the test registration, shared by `run` and `sip`: which softphone to register as,
// or none at all; and `sip`'s HOST[:PORT].

#include <string>

#include "cli/options.hpp"
#include "probe/sip/sip_probe.hpp"

namespace mra::cli {

// --device NAME, --no-register.
void add_registration_options(cxxopts::Options& options);

// HOST[:PORT], [V6][:PORT]: port 5061 by default; the host in lower case. InputError otherwise.
probe::sip::SipTarget parse_sip_target(const std::string& text);

}  // namespace mra::cli
