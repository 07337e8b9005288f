#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/assess.hpp"
#include "probe/certificate_files.hpp"
#include "util/input_error.hpp"
#include "util/time.hpp"

namespace mra::cli {
namespace {

using Strings = std::vector<std::string>;

facts::Role parse_role(const std::string& text) {
    if (text == "expressway-e") return facts::Role::expressway_e;
    if (text == "expressway-c") return facts::Role::expressway_c;
    throw InputError("--role: '" + text + "' is not expressway-e or expressway-c");
}

// Options that make no sense together or alone are refused before anything is read.
void refuse_contradictions(const probe::CertificateFiles& files) {
    if (files.certificates.empty() && !files.csr)
        throw InputError("nothing to check: give a certificate FILE, or --csr FILE (see mra-preflight cert --help)");
    if (files.certificates.empty() && !files.chains.empty())
        throw InputError("--chain needs a certificate FILE to go with");
    if (files.certificates.empty() && files.previous)
        throw InputError("--previous needs the new certificate FILE to compare");
    if (files.required.role == facts::Role::expressway_c && !files.required.domains.empty())
        throw InputError(
            "--domain names edge domains, which only an Expressway-E certificate carries; drop it or use --role "
            "expressway-e");
}

}  // namespace

int cert_command(int argc, const char* const* argv) {
    const std::int64_t started = unix_now_ms();
    cxxopts::Options options("mra-preflight cert",
                             "Validate an Expressway certificate (or a CSR) offline, before it is installed.");
    options.positional_help("FILE...");
    options.add_options()("files", "certificate file(s): the leaf first; a file may hold the whole chain",
                          cxxopts::value<Strings>())("chain", "intermediate certificates, in any order (repeatable)",
                                                     cxxopts::value<Strings>())(
        "key", "the private key, to check it belongs to the certificate or CSR", cxxopts::value<std::string>())(
        "csr", "a PKCS#10 certificate request to check before it goes to the CA", cxxopts::value<std::string>())(
        "role", "expressway-e or expressway-c", cxxopts::value<std::string>()->default_value("expressway-e"))(
        "domain", "an edge (service) domain the certificate must carry (repeatable)", cxxopts::value<Strings>())(
        "host", "a host name the certificate must cover (repeatable)", cxxopts::value<Strings>())(
        "previous", "the certificate being replaced: no name may be lost", cxxopts::value<std::string>());
    add_trust_options(options);
    add_expressway_version_option(options);
    add_report_options(options, "cert-renewal");
    options.parse_positional({"files"});
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;

    probe::CertificateFiles files{
        .certificates = value_or(*parsed, "files", Strings{}),
        .chains = value_or(*parsed, "chain", Strings{}),
        .key = optional_value<std::string>(*parsed, "key"),
        .csr = optional_value<std::string>(*parsed, "csr"),
        .previous = optional_value<std::string>(*parsed, "previous"),
        .required = {.role = parse_role((*parsed)["role"].as<std::string>()),
                     .hosts = value_or(*parsed, "host", Strings{}),
                     .domains = value_or(*parsed, "domain", Strings{})},
    };
    refuse_contradictions(files);
    const auto destinations = destinations_of(*parsed);
    const Profile profile = load_profile((*parsed)["profile"].as<std::string>(), catalogue());
    const std::int64_t at = evaluation_time(*parsed);
    const x509::TrustStore trust = trust_store_of(*parsed);

    facts::Facts facts{
        .target = files.certificates.empty() ? *files.csr : files.certificates.front(),
        .evaluated_at = at,
        .expressway_version = expressway_version_of(*parsed),
        .certificates = probe::read_certificate_files(files, trust, at),
    };
    return deliver(assess("cert", facts, profile, started), destinations);
}

}  // namespace mra::cli
