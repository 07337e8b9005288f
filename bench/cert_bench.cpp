// Analyses N certificate chains in one process, as `mra-preflight cert` does each one: decode the
// files, order and validate the chain, run every check of the cert-renewal profile, score.
//   cert_bench FIXTURES_DIR [N] [DUMP_FILE]
// Prints chains per second by wall and by CPU time (user + system: the machine may be shared),
// the first pass over the distinct scenarios on its own (nothing decoded yet), and peak resident
// memory. With DUMP_FILE, writes every chain's facts and findings there, one JSON document a line
// (times that change from run to run left out): two builds can be compared byte for byte.
// Run through bench/cert-chains.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/assess.hpp"
#include "facts/json.hpp"
#include "probe/certificate_files.hpp"
#include "util/time.hpp"

namespace {

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// What a chain came to: the facts the probe read and every finding, in order.
nlohmann::ordered_json outcome(const mra::facts::Facts& facts, const mra::Report& report) {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& finding : report.findings)
        findings.push_back({{"id", finding.check->id},
                            {"severity", mra::to_string(finding.severity)},
                            {"subject", finding.result.subject.name()},
                            {"status", mra::to_string(finding.result.status)},
                            {"message", finding.result.message},
                            {"evidence", finding.result.evidence}});
    return {{"facts", mra::facts::to_json(facts)},
            {"score", report.score ? nlohmann::ordered_json(*report.score) : nlohmann::ordered_json()},
            {"findings", findings}};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: cert_bench FIXTURES_DIR [N] [DUMP_FILE]\n";
        return 3;
    }
    const std::filesystem::path certs = std::filesystem::path(argv[1]) / "certs";
    const int count = argc > 2 ? std::stoi(argv[2]) : 1000;
    std::ofstream dump;
    if (argc > 3) dump.open(argv[3]);

    // Every scenario with a leaf and a chain file: a realistic mix of healthy and broken chains.
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(certs))
        if (std::filesystem::exists(entry.path() / "leaf.pem") && std::filesystem::exists(entry.path() / "chain.pem"))
            folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());  // the same order on every file system
    std::vector<mra::probe::CertificateFiles> inputs;
    for (const auto& folder : folders)
        inputs.push_back(
            {.certificates = {(folder / "leaf.pem").string()},
             .chains = {(folder / "chain.pem").string()},
             .required = {
                 .role = mra::facts::Role::expressway_e, .hosts = {"expe1.example.com"}, .domains = {"example.com"}}});
    const auto trust = mra::x509::TrustStore::from_file((certs / "ca/root.pem").string());
    const auto profile = mra::load_profile("cert-renewal", mra::catalogue());
    const auto at = *mra::parse_rfc3339("2027-01-15T00:00:00Z");

    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    double first_pass_wall = 0, first_pass_cpu = 0;
    std::size_t findings = 0;
    for (int i = 0; i < count; ++i) {
        const auto& files = inputs[static_cast<std::size_t>(i) % inputs.size()];
        mra::facts::Facts facts{.target = files.certificates.front(),
                                .evaluated_at = at,
                                .certificates = mra::probe::read_certificate_files(files, trust, at)};
        const auto report = mra::assess("cert", facts, profile, 0);
        findings += report.findings.size();
        if (dump.is_open()) dump << outcome(facts, report).dump() << "\n";
        if (static_cast<std::size_t>(i) + 1 == inputs.size()) {
            first_pass_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            first_pass_cpu = cpu_seconds() - cpu_start;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpu_seconds() - cpu_start;

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto per_second = [](double n, double s) { return s > 0 ? static_cast<long>(n / s) : 0L; };
    std::cout << "chains: " << count << " (" << inputs.size() << " distinct scenarios), findings: " << findings << "\n"
              << "wall: " << seconds << " s, " << per_second(count, seconds) << " chains/s\n"
              << "CPU:  " << cpu << " s, " << per_second(count, cpu) << " chains/s\n"
              << "first pass (" << inputs.size() << " distinct chains, nothing decoded before): wall "
              << first_pass_wall << " s, CPU " << first_pass_cpu << " s, "
              << per_second(static_cast<double>(inputs.size()), first_pass_cpu) << " chains/s by CPU\n"
              << "peak RSS: " << usage.ru_maxrss / 1024 << " MiB\n";
}
