#include "cli/sip_options.hpp"

#include <algorithm>
#include <charconv>

#include "util/input_error.hpp"
#include "util/text.hpp"

namespace mra::cli {

void add_registration_options(cxxopts::Options& options) {
    options.add_options()("device",
                          "with --user, register as this softphone (default: the user's CSF/BOT/TCT/TAB device in UDS)",
                          cxxopts::value<std::string>())(
        "no-register", "with --user, do not register as the test user's softphone (sip.service is then not run)");
}

probe::sip::SipTarget parse_sip_target(const std::string& text) {
    std::string host = text;
    std::string port;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string::npos) throw InputError("'" + text + "' is not HOST[:PORT]");
        port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
        if (close + 1 < host.size() && host[close + 1] != ':') throw InputError("'" + text + "' is not HOST[:PORT]");
        host = host.substr(1, close - 1);
    } else if (std::count(host.begin(), host.end(), ':') == 1) {
        port = host.substr(host.find(':') + 1);
        host = host.substr(0, host.find(':'));
    }
    unsigned number = 5061;
    if (!port.empty()) {
        const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
        if (error != std::errc() || end != port.data() + port.size() || number == 0 || number > 65535)
            throw InputError("'" + text + "': the port must be 1–65535");
    }
    if (host.empty() || host.find_first_of(" /@") != std::string::npos)
        throw InputError("'" + text + "' is not HOST[:PORT]");
    if (host.back() == '.') host.pop_back();
    return {.host = lower_case(host), .port = static_cast<std::uint16_t>(number)};
}

}  // namespace mra::cli
