// `mra-preflight sip HOST[:PORT]`: the SIP leg alone, against one server — TLS and its chain,
// OPTIONS, the REGISTER challenge and, with --user (and --device, as no UDS walk tells it), the
// registration as that softphone that makes Expressway-E run its SERVICE exchange with Expressway-C.

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/sign_in_options.hpp"
#include "cli/sip_options.hpp"
#include "core/assess.hpp"
#include "facts/dns_names.hpp"
#include "probe/dns/discovery.hpp"
#include "util/address.hpp"
#include "util/input_error.hpp"
#include "util/time.hpp"

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
    cxxopts::Options options("mra-preflight sip",
                             "Check one SIP edge server: TLS, OPTIONS, the REGISTER challenge, and with --user the "
                             "registration as the test user's softphone.");
    options.positional_help("HOST[:PORT]");
    options.add_options()("target", "the SIP server (port 5061 by default)", cxxopts::value<std::string>())(
        "domain", "the SIP domain of the Request-URIs (default: the host's parent domain)",
        cxxopts::value<std::string>())(
        "cucm", "with --user, the Unified CM host of the REGISTER's Request-URI (default: the domain)",
        cxxopts::value<std::string>())(
        "route",
        "with --user, a get_edge_config <sipRequest> route to preload, e.g. '<sip:10.0.0.5:5061;lr>' "
        "(repeatable)",
        cxxopts::value<std::vector<std::string>>())(
        "insecure", "answer the challenge even when the server's certificate does not verify")(
        "resolver", "the DNS view to resolve HOST in: ADDR[:PORT], or system",
        cxxopts::value<std::string>()->default_value("system"));
    add_trust_options(options);
    add_timeout_option(options, "the whole check", "20");
    add_credential_options(options);
    add_registration_options(options);
    add_expressway_version_option(options);
    add_report_options(options, "sip-edge");
    options.parse_positional({"target"});
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    if (!parsed->count("target")) throw InputError("sip needs HOST[:PORT] (see mra-preflight sip --help)");

    const auto destinations = destinations_of(*parsed);
    const Profile profile = load_profile((*parsed)["profile"].as<std::string>(), catalogue());
    const x509::TrustStore trust = trust_store_of(*parsed);
    const Deadline deadline = probe_deadline(timeout_of(*parsed), entered);
    const auto credentials = credentials_of(*parsed);

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

    probe::sip::SipProbeOptions probe_options;
    if (credentials) {
        target.user = credentials->user;
        probe::sip::RegistrationRequest registration{
            .password = &credentials->password,
            .device = value_or(*parsed, "device", std::string{}),
            .registrar = facts::dns::canonical_name(value_or(*parsed, "cucm", target.domain)),
            .routes = value_or(*parsed, "route", std::vector<std::string>{}),
            .insecure = parsed->count("insecure") > 0};
        if (parsed->count("no-register"))
            registration.skip = "--no-register: the registration was skipped";
        else if (registration.device.empty())
            registration.skip = "no softphone to register as: give --device NAME (sip does not walk UDS)";
        probe_options.registration = std::move(registration);
    }
    facts::SipEndpoint endpoint = probe::sip::probe_sip(target, trust, facts.evaluated_at, probe_options, deadline);
    facts.sip.push_back(std::move(endpoint));
    return deliver(assess("sip", facts, profile, started), destinations);
}

}  // namespace mra::cli
