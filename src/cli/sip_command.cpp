// `mra-preflight sip HOST[:PORT]`: the SIP leg alone, against one server — TLS and its chain,
// OPTIONS, REGISTER and, with --service, the test SERVICE exchange (e.g. an Expressway-E's new
// certificate, presented with --client-cert, before it goes live).

#include <botan/pem.h>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/sip_options.hpp"
#include "core/assess.hpp"
#include "facts/dns_names.hpp"
#include "probe/dns/discovery.hpp"
#include "util/address.hpp"
#include "util/input_error.hpp"
#include "util/time.hpp"
#include "x509/load.hpp"

namespace mra::cli {
namespace {

// "expe1.example.com" → "example.com"; a shorter name or an address is its own domain.
std::string domain_of_host(const std::string& host) {
    const auto dot = host.find('.');
    if (is_address_literal(host) || dot == std::string::npos || host.find('.', dot + 1) == std::string::npos)
        return host;
    return host.substr(dot + 1);
}

}  // namespace

int sip_command(int argc, const char* const* argv) {
    const auto entered = Deadline::Clock::now();
    const std::int64_t started = unix_now_ms();
    cxxopts::Options options("mra-preflight sip", "Check one SIP edge server: TLS, OPTIONS, REGISTER, and SERVICE.");
    options.positional_help("HOST[:PORT]");
    options.add_options()("target", "the SIP server (port 5061 by default)", cxxopts::value<std::string>())(
        "domain", "the SIP domain of the Request-URIs (default: the host's parent domain)",
        cxxopts::value<std::string>())("service", "also send the test SERVICE exchange")(
        "resolver", "the DNS view to resolve HOST in: ADDR[:PORT], or system",
        cxxopts::value<std::string>()->default_value("system"))(
        "ca-bundle", "trust anchors (PEM); default: the system store", cxxopts::value<std::string>())(
        "timeout", "seconds the whole check may take", cxxopts::value<double>()->default_value("20"))(
        "at", "judge validity as of this RFC 3339 time", cxxopts::value<std::string>());
    add_client_certificate_options(options);
    add_expressway_version_option(options);
    add_report_options(options, "sip-edge");
    options.parse_positional({"target"});
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    if (!parsed->count("target")) throw InputError("sip needs HOST[:PORT] (see mra-preflight sip --help)");

    const auto destinations = destinations_of(*parsed);
    const Profile profile = load_profile((*parsed)["profile"].as<std::string>(), catalogue());
    const auto bundle = optional_value<std::string>(*parsed, "ca-bundle");
    const x509::TrustStore trust = bundle ? x509::TrustStore::from_file(*bundle) : x509::TrustStore::system();
    const Deadline deadline = probe_deadline(*parsed, entered);
    const auto identity = client_identity_of(*parsed);
    const bool with_service = parsed->count("service") > 0;

    probe::sip::SipTarget target = parse_sip_target((*parsed)["target"].as<std::string>());
    target.domain = facts::dns::canonical_name(value_or(*parsed, "domain", domain_of_host(target.host)));
    facts::Facts facts;
    facts.target = target.domain;
    facts.evaluated_at = evaluation_time(*parsed);
    facts.expressway_version = expressway_version_of(*parsed);
    const auto resolver = probe::dns::parse_resolver((*parsed)["resolver"].as<std::string>());
    facts.dns = facts::DnsFacts{.external_resolver = resolver.text()};
    if (is_address_literal(target.host)) {
        target.addresses = {target.host};
    } else {
        probe::dns::resolve_hosts(*facts.dns, resolver, {target.host}, deadline);
        for (const auto& query : facts.dns->queries)
            target.addresses.insert(target.addresses.end(), query.addresses.begin(), query.addresses.end());
    }

    probe::sip::SipProbeOptions probe_options{.identity = identity};
    facts::SipEndpoint endpoint = probe::sip::probe_sip(target, trust, facts.evaluated_at, probe_options, deadline);
    if (with_service) {
        // The certificate the SERVICE carries: the client's, or the one this server presented.
        std::string pem;
        if (identity)
            pem = Botan::PEM_Code::encode(identity->chain.front().BER_encode(), "CERTIFICATE");
        else if (endpoint.tls.chain && !endpoint.tls.chain->presented.empty())
            pem = x509::certificate_pem(endpoint.tls.chain->presented.front().der_base64);
        probe_options.service = probe::sip::ServiceRequest{.certificate_pem = pem};
        auto service = probe::sip::probe_sip_service(target, trust, facts.evaluated_at, probe_options, deadline);
        for (auto& exchange : service.exchanges)
            if (exchange.method == "SERVICE") endpoint.exchanges.push_back(std::move(exchange));
    }
    facts.sip.push_back(std::move(endpoint));
    return deliver(assess("sip", facts, profile, started), destinations);
}

}  // namespace mra::cli
