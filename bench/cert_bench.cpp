// Analyses N certificate chains in one process, as `mra-preflight cert` does each one: decode the
// files, order and validate the chain, run every check of the cert-renewal profile, score.
//   cert_bench FIXTURES_DIR [N]
// Prints chains per second and peak resident memory. Run through bench/cert-chains.

#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "core/assess.hpp"
#include "probe/certificate_files.hpp"
#include "util/time.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: cert_bench FIXTURES_DIR [N]\n";
        return 3;
    }
    const std::filesystem::path certs = std::filesystem::path(argv[1]) / "certs";
    const int count = argc > 2 ? std::stoi(argv[2]) : 1000;

    // Every scenario with a leaf and a chain file: a realistic mix of healthy and broken chains.
    std::vector<mra::probe::CertificateFiles> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(certs))
        if (std::filesystem::exists(entry.path() / "leaf.pem") && std::filesystem::exists(entry.path() / "chain.pem"))
            inputs.push_back({.certificates = {(entry.path() / "leaf.pem").string()},
                              .chains = {(entry.path() / "chain.pem").string()},
                              .required = {.role = mra::facts::Role::expressway_e,
                                           .hosts = {"expe1.example.com"},
                                           .domains = {"example.com"}}});
    const auto trust = mra::x509::TrustStore::from_file((certs / "ca/root.pem").string());
    const auto profile = mra::load_profile("cert-renewal", mra::catalogue());
    const auto at = *mra::parse_rfc3339("2027-01-15T00:00:00Z");

    const auto start = std::chrono::steady_clock::now();
    std::size_t findings = 0;
    for (int i = 0; i < count; ++i) {
        const auto& files = inputs[static_cast<std::size_t>(i) % inputs.size()];
        mra::facts::Facts facts{.target = files.certificates.front(),
                                .evaluated_at = at,
                                .certificates = mra::probe::read_certificate_files(files, trust, at)};
        findings += mra::assess("cert", facts, profile, mra::unix_now_ms()).findings.size();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "chains: " << count << " (" << inputs.size() << " distinct scenarios), findings: " << findings << "\n"
              << "time: " << seconds << " s, " << static_cast<long>(count / seconds) << " chains/s\n"
              << "peak RSS: " << usage.ru_maxrss / 1024 << " MiB\n";
}
