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

// What `sip` is asked to do, read from its options: plain data, validated and loaded.
struct SipSettings {
    probe::sip::SipTarget target;  // host, port and domain; the addresses are resolved by check_sip_edge
    probe::dns::ResolverAddress resolver;
    Profile profile;
    x509::TrustStore trust;
    std::int64_t at;                 // the validity time of the chain
    std::string expressway_version;  // "X15.4.0", or "" when not given
    double timeout_seconds;          // the whole check, from when it was entered
    // With a test user: the registration as its softphone (routes, device, registrar, …; the
    // password is the credentials').
    std::optional<probe::http::Credentials> credentials;
    probe::sip::RegistrationRequest registration;
};

// InputError for options that cannot be used. The password, which may be asked for on the terminal,
// is read last, once every other option is known to be usable.
SipSettings sip_settings(const cxxopts::ParseResult& parsed) {
    if (!parsed.count("target")) throw InputError("sip needs HOST[:PORT] (see mra-preflight sip --help)");
    SipSettings settings{.target = parse_sip_target(parsed["target"].as<std::string>()),
                         .resolver = probe::dns::parse_resolver(parsed["resolver"].as<std::string>()),
                         .profile = load_profile(parsed["profile"].as<std::string>(), catalogue()),
                         .trust = trust_store_of(parsed),
                         .at = evaluation_time(parsed),
                         .expressway_version = expressway_version_of(parsed),
                         .timeout_seconds = timeout_of(parsed),
                         .credentials = std::nullopt,
                         .registration = {}};
    settings.target.domain =
        facts::dns::canonical_name(value_or(parsed, "domain", domain_of_host(settings.target.host)));
    settings.registration = {.device = value_or(parsed, "device", std::string{}),
                             .registrar = facts::dns::canonical_name(value_or(parsed, "cucm", settings.target.domain)),
                             .routes = value_or(parsed, "route", std::vector<std::string>{}),
                             .insecure = parsed.count("insecure") > 0};
    if (parsed.count("no-register"))
        settings.registration.skip = "--no-register: the registration was skipped";
    else if (settings.registration.device.empty())
        settings.registration.skip = "no softphone to register as: give --device NAME (sip does not walk UDS)";
    settings.credentials = credentials_of(parsed);
    return settings;
}

// Resolves the host in the chosen DNS view (unless it is an address), probes its SIP leg and judges
// it with the profile; the timeout counts from `entered`.
Report check_sip_edge(const SipSettings& settings, Deadline::Clock::time_point entered, std::int64_t started_at_ms) {
    const Deadline deadline = probe_deadline(settings.timeout_seconds, entered);
    probe::sip::SipTarget target = settings.target;
    facts::Facts facts;
    facts.target = target.domain;
    facts.evaluated_at = settings.at;
    facts.expressway_version = settings.expressway_version;
    facts.dns = facts::DnsFacts{.external_resolver = settings.resolver.text()};
    if (is_address_literal(target.host)) {
        target.addresses = {target.host};
    } else {
        probe::dns::resolve_hosts(*facts.dns, settings.resolver, {target.host}, deadline);
        for (const auto& query : facts.dns->queries)
            target.addresses.insert(target.addresses.end(), query.addresses.begin(), query.addresses.end());
    }
    probe::sip::SipProbeOptions probe_options;
    if (settings.credentials) {
        target.user = settings.credentials->user;
        probe_options.registration = settings.registration;
        probe_options.registration->password = &settings.credentials->password;
    }
    facts.sip.push_back(probe::sip::probe_sip(target, settings.trust, facts.evaluated_at, probe_options, deadline));
    return assess("sip", facts, settings.profile, started_at_ms);
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
    const auto destinations = destinations_of(*parsed);
    const SipSettings settings = sip_settings(*parsed);
    return deliver(check_sip_edge(settings, entered, started), destinations);
}

}  // namespace mra::cli
