#pragma once
// `run`'s options for one deployment, defined once: the command line of a single run and each
// target of a fleet file (whose keys are these options' names) go through the same definitions,
// defaults and validation.

#include <functional>
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "core/profile.hpp"
#include "core/report.hpp"
#include "probe/dns/resolver.hpp"
#include "probe/http/edge_path.hpp"
#include "probe/http/http_client.hpp"

namespace mra::cli {

// The options that describe one deployment and how to reach it (domain, resolvers, trust, test
// user, timeout, …) plus the report options; `run`'s fleet options are added by the caller.
cxxopts::Options deployment_options();

// One deployment to check and how, as `run`'s options (or a fleet file's target) describe it: read,
// validated and loaded (the profile, the trust anchors, the test user's password).
struct DeploymentSettings {
    std::string domain;  // validated: nothing is sent for a malformed one
    Profile profile;
    x509::TrustStore trust;
    probe::dns::ResolverAddress external;
    std::optional<probe::dns::ResolverAddress> internal;
    probe::http::EdgeTrust edge_trust;
    probe::http::Base64Alphabet alphabet;
    std::string expressway_version;  // "X15.4.0", or "" when not given
    std::int64_t at;                 // the validity time of the chains
    std::string device;              // register as this softphone instead of the UDS one
    bool no_register;                // sign in, but register nothing
    double timeout_seconds;          // the whole run, from when it was entered
    std::string save_capture;        // write every fact here too; empty: no capture
    std::optional<probe::http::Credentials> credentials;
};

// The settings the parsed options describe. InputError for options that cannot be used.
DeploymentSettings deployment_settings(const cxxopts::ParseResult& parsed);

// Probes the deployment and judges it with its profile; its --timeout counts from `entered`.
// Progress lines (may be empty) go to `progress`.
Report run_deployment(const DeploymentSettings& settings, Deadline::Clock::time_point entered,
                      std::int64_t started_at_ms, const std::function<void(const std::string&)>& progress);

}  // namespace mra::cli
