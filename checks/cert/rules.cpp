#include "checks/cert/rules.hpp"

#include <algorithm>

#include "util/text.hpp"
#include "x509/names.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {

std::string eku_problem(const std::vector<std::string>& eku) {
    const bool server = std::find(eku.begin(), eku.end(), server_auth_oid) != eku.end();
    const bool client = std::find(eku.begin(), eku.end(), client_auth_oid) != eku.end();
    if (eku.empty()) return "no extended key usage extension: serverAuth and clientAuth are both required";
    if (!server && !client) return "extended key usage lacks serverAuth and clientAuth";
    if (!server) return "extended key usage lacks serverAuth (TLS Web Server Authentication)";
    if (!client) return "extended key usage lacks clientAuth (TLS Web Client Authentication)";
    return "";
}

KeyVerdict key_verdict(std::string_view algorithm, std::size_t bits, bool is_leaf) {
    const std::string size = std::to_string(bits) + "-bit " + std::string(algorithm);
    if (algorithm == "RSA" || algorithm == "DSA") {
        if (bits < 2048) return {true, size + " key is below 2048 bits"};
        if (is_leaf && bits > 4096) return {false, size + " key is above 4096 bits: SIP TLS zones may fail"};
        return {};
    }
    if (algorithm == "ECDSA" || algorithm == "ECDH" || algorithm == "ECGDSA") {
        if (bits < 256) return {true, size + " key is below P-256"};
        return {};
    }
    if (algorithm == "Ed25519") return {};
    return {false, "unusual key algorithm " + std::string(algorithm) + ": Expressway recommends RSA"};
}

bool edge_domain_covered(const facts::SubjectAltName& san, std::string_view domain) {
    const std::string collab_edge = "collab-edge." + std::string(domain);
    for (const auto& name : san.dns)
        if (equal_ignoring_case(name, domain) || equal_ignoring_case(name, collab_edge)) return true;
    for (const auto& other : san.other_names) {
        if (other.type_oid != x509::srvname_oid || other.encoding != "IA5String") continue;
        if (auto srv = x509::parse_srvname(other.value);
            srv && x509::srvname_matches(*srv, "collab-edge", "tls", domain))
            return true;
    }
    return false;
}

std::vector<std::string> uncovered_hosts(const facts::SubjectAltName& san, std::string_view common_name,
                                         const std::vector<std::string>& hosts) {
    std::vector<std::string> missing;
    for (const auto& host : hosts)
        if (!x509::names_cover_host(san, common_name, host)) missing.push_back(host);
    return missing;
}

}  // namespace mra::checks
