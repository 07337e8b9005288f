#include "cli/sip_options.hpp"

#include <algorithm>
#include <charconv>

#include "util/input_error.hpp"
#include "util/text.hpp"
#include "x509/load.hpp"

namespace mra::cli {

void add_client_certificate_options(cxxopts::Options& options) {
    options.add_options()("client-cert", "certificate (PEM, leaf first) for mutual TLS and to carry in the SERVICE",
                          cxxopts::value<std::string>())(
        "client-key", "the private key of --client-cert (PEM, unencrypted)", cxxopts::value<std::string>());
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

std::optional<probe::tls::ClientIdentity> client_identity_of(const cxxopts::ParseResult& parsed) {
    const auto certificate = optional_value<std::string>(parsed, "client-cert");
    const auto key = optional_value<std::string>(parsed, "client-key");
    if (!certificate && !key) return std::nullopt;
    if (!certificate || !key) throw InputError("--client-cert and --client-key go together");
    probe::tls::ClientIdentity identity;
    identity.chain = x509::read_certificates(x509::read_file(*certificate), *certificate);
    identity.key = x509::read_private_key(x509::read_file(*key), *key);
    if (identity.chain.empty()) throw InputError("--client-cert: " + *certificate + " holds no certificate");
    if (identity.chain.front().subject_public_key_info() != identity.key->subject_public_key())
        throw InputError("--client-key: " + *key + " is not the key of " + *certificate);
    return identity;
}

}  // namespace mra::cli
