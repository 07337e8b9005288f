#include "checks/cert/rules.hpp"

#include <algorithm>
#include <stdexcept>

#include "util/text.hpp"
#include "x509/names.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {

namespace {

bool has(const std::vector<std::string>& eku, const char* oid) {
    return std::find(eku.begin(), eku.end(), oid) != eku.end();
}

const facts::ExpresswayVersion server_eku_accepted{15, 4, 0};  // X15.4: serverAuth-only accepted for MRA

std::string from(const KnownVersion& known) {
    return known.version->text() + " from " + known.source;
}

}  // namespace

KnownVersion expressway_version_for(const CheckContext& context, const std::vector<std::string>& hosts) {
    const facts::Facts& facts = context.facts();
    if (!facts.expressway_version.empty())
        if (auto version = facts::parse_expressway_version(facts.expressway_version))
            return {version, "--expressway-version"};
    KnownVersion own, lowest;
    for (const auto& endpoint : facts.sip)
        for (const auto& exchange : endpoint.exchanges) {
            const auto version = facts::expressway_version_in_header(exchange.server);
            if (!version) continue;
            const KnownVersion found{version, "the SIP Server/User-Agent header \"" + exchange.server + "\" of " +
                                                  endpoint.tls.host + ":" + std::to_string(endpoint.tls.port)};
            const bool is_own = std::any_of(hosts.begin(), hosts.end(), [&](const std::string& host) {
                return equal_ignoring_case(host, endpoint.tls.host);
            });
            if (is_own && !own.version) own = found;
            if (!lowest.version || *version < *lowest.version) lowest = found;
        }
    if (own.version) return own;
    if (lowest.version) return lowest;
    const std::string option = context.option(expressway_version_option.name);
    if (option.empty()) return {std::nullopt, "unknown"};
    const auto version = facts::parse_expressway_version(option);
    if (!version)
        throw std::invalid_argument("option expressway_version: '" + option +
                                    "' is not an Expressway version such as X15.4");
    return {version, "the profile's expressway_version option"};
}

EkuVerdict eku_verdict(const std::vector<std::string>& eku, facts::Role role, const KnownVersion& known) {
    const bool server = has(eku, server_auth_oid);
    const bool client = has(eku, client_auth_oid);
    if (role == facts::Role::expressway_c) {
        if (server && client) return {Status::pass, "serverAuth and clientAuth are both present"};
        const std::string lacking = eku.empty()          ? "there is no extended key usage extension"
                                    : !server && !client ? "extended key usage lacks serverAuth and clientAuth"
                                    : !server            ? "extended key usage lacks serverAuth"
                                                         : "extended key usage lacks clientAuth";
        return {Status::fail, lacking +
                                  ": Expressway-C needs both, as the TLS server of its zones and the TLS client of "
                                  "the traversal zone (from X15.5 the client certificate may be a separate one)"};
    }
    if (eku.empty())
        return {Status::fail,
                "there is no extended key usage extension: serverAuth is required, and clientAuth "
                "before X15.4"};
    if (!server)
        return {Status::fail,
                "extended key usage lacks serverAuth (TLS Web Server Authentication): clients and "
                "phones connect to the Expressway-E as a TLS server"};
    if (client) return {Status::pass, "serverAuth and clientAuth are both present"};
    if (!known.version)
        return {Status::warn,
                "extended key usage has serverAuth but not clientAuth, and the Expressway version is unknown: before "
                "X15.4 Expressway-C refuses this certificate in the SIP SERVICE and MRA registration fails; from "
                "X15.4 serverAuth alone is accepted for MRA (upload it with xConfiguration XCP TLS Certificate CVS "
                "EnableServerEkuUpload: On) and from X15.5 Expressway-C may hold a separate client certificate. "
                "Public CAs stopped issuing clientAuth in 2026 (Field Notice FN74362): give --expressway-version"};
    if (*known.version < server_eku_accepted)
        return {Status::fail,
                "extended key usage lacks clientAuth, which Expressway-C before X15.4 requires of the "
                "Expressway-E certificate in the SIP SERVICE: MRA registration fails (" +
                    from(known) +
                    "; Field Notice FN74362: upgrade to X15.4, or use a CA that still "
                    "issues clientAuth)"};
    return {Status::pass,
            "serverAuth without clientAuth is accepted for MRA from X15.4 (" + from(known) +
                "); it is uploaded with xConfiguration XCP TLS Certificate CVS EnableServerEkuUpload: On"};
}

bool is_broken_hash(std::string_view hash) {
    return hash == "MD2" || hash == "MD4" || hash == "MD5";
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
