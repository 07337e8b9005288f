#include "cli/run_options.hpp"

#include "cli/sign_in_options.hpp"
#include "cli/sip_options.hpp"
#include "core/assess.hpp"
#include "facts/capture.hpp"
#include "facts/dns_names.hpp"
#include "probe/deployment.hpp"
#include "util/domain_name.hpp"
#include "util/input_error.hpp"

namespace mra::cli {

cxxopts::Options deployment_options() {
    cxxopts::Options options("mra-preflight run",
                             "Check an MRA deployment the way a Jabber client signing in from the internet sees it.");
    options.positional_help("DOMAIN");
    options.add_options()("domain", "the service domain users sign in with", cxxopts::value<std::string>())(
        "resolver", "the external (public) DNS view: ADDR[:PORT], or system",
        cxxopts::value<std::string>()->default_value("system"))(
        "internal-resolver", "the internal DNS view: ADDR[:PORT]", cxxopts::value<std::string>());
    add_trust_options(options);
    add_timeout_option(options, "the whole run", "30");
    options.add_options()("save-capture", "write every fact to FILE, for `mra-preflight replay`",
                          cxxopts::value<std::string>(), file_argument);
    add_sign_in_options(options);
    add_registration_options(options);
    add_expressway_version_option(options);
    add_report_options(options, "mra-readiness");
    options.parse_positional({"domain"});
    return options;
}

DeploymentSettings deployment_settings(const cxxopts::ParseResult& parsed) {
    if (!parsed.count("domain")) throw InputError("run needs the service DOMAIN (see mra-preflight run --help)");
    const auto internal = optional_value<std::string>(parsed, "internal-resolver");
    // The domain first; the password last, as it may be asked for on the terminal: not before every
    // other option is known to be usable.
    return {
        .domain = validated_domain(parsed["domain"].as<std::string>()),
        .profile = load_profile(parsed["profile"].as<std::string>(), catalogue()),
        .trust = trust_store_of(parsed),
        .external = probe::dns::parse_resolver(parsed["resolver"].as<std::string>()),
        .internal = internal ? std::optional(probe::dns::parse_resolver(*internal)) : std::nullopt,
        .edge_trust = edge_trust_of(parsed),
        .alphabet = alphabet_of(parsed),
        .expressway_version = expressway_version_of(parsed),
        .at = evaluation_time(parsed),
        .device = value_or(parsed, "device", std::string{}),
        .no_register = parsed.count("no-register") > 0,
        .timeout_seconds = timeout_of(parsed),
        .save_capture = value_or(parsed, "save-capture", std::string{}),
        .credentials = credentials_of(parsed),
    };
}

Report run_deployment(const DeploymentSettings& settings, Deadline::Clock::time_point entered,
                      std::int64_t started_at_ms, const std::function<void(const std::string&)>& progress) {
    const auto& credentials = settings.credentials;
    const probe::DeploymentRequest request{
        .domain = settings.domain,
        .external = settings.external,
        .internal = settings.internal,
        .trust = &settings.trust,
        .at = settings.at,
        .sign_in = {.credentials = credentials ? &*credentials : nullptr,
                    .trust = &settings.edge_trust,
                    .alphabet = settings.alphabet},
        .device = settings.device,
        .no_register = settings.no_register,
        .deadline = probe_deadline(settings.timeout_seconds, entered),
        .progress = progress,
    };
    facts::Facts facts = probe::probe_deployment(request);
    facts.expressway_version = settings.expressway_version;  // declared, not probed: kept in the capture
    Report report = assess("run", facts, settings.profile, started_at_ms);
    if (!settings.save_capture.empty())
        facts::write_capture(settings.save_capture,
                             {"run", settings.profile.name, report.started_at_ms, report.duration_ms, facts});
    return report;
}

}  // namespace mra::cli
