#include "x509/cache.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "facts/json.hpp"
#include "probe/certificate_files.hpp"
#include "tests/fixture_trust.hpp"
#include "tests/fixtures.hpp"
#include "x509/load.hpp"

using mra::test::fixture;
namespace x509 = mra::x509;

namespace {

// The caches off for as long as it lives, whatever the test does.
struct Uncached {
    Uncached() { x509::cache::set_enabled(false); }
    ~Uncached() { x509::cache::set_enabled(true); }
    Uncached(const Uncached&) = delete;
    Uncached& operator=(const Uncached&) = delete;
};

// Each fixture scenario's leaf presented in the ways that steer the path walk and Botan's path
// building differently: as issued, with the root, out of order, twice, alone, and the issuing CA
// and root on their own (the root is the store's own, pinned, certificate).
std::vector<mra::probe::CertificateFiles> presentations() {
    const std::string ca = fixture("certs/ca/");
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(fixture("certs")))
        if (std::filesystem::exists(entry.path() / "leaf.pem") && std::filesystem::exists(entry.path() / "chain.pem"))
            folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    std::vector<mra::probe::CertificateFiles> out;
    for (const auto& folder : folders) {
        const std::string leaf = (folder / "leaf.pem").string(), chain = (folder / "chain.pem").string();
        out.push_back({.certificates = {leaf}, .chains = {chain}});
        out.push_back({.certificates = {leaf}, .chains = {chain, ca + "root.pem"}});
        out.push_back({.certificates = {leaf}, .chains = {ca + "root.pem", chain}});
        out.push_back({.certificates = {leaf, leaf}, .chains = {chain}});
        out.push_back({.certificates = {leaf}});
    }
    out.push_back({.certificates = {ca + "intermediate.pem"}});
    out.push_back({.certificates = {ca + "root.pem"}});
    return out;
}

// The instants to judge at: the fixtures' date, either side of and exactly at the root's notBefore
// (2026-01-01), at and after the healthy leaf's notAfter (2027-12-01), and after the issuing CA and
// the root have expired (2031, 2036).
const std::vector<std::int64_t> instants{
    mra::test::fixture_time, 1767225599, 1767225600, 1767225601, 1827705600, 1830000000, 1950000000, 2100000000};

// What the probe makes of every presentation at every instant, as the JSON a capture holds.
std::vector<std::string> judge_all(const x509::TrustStore& trust) {
    std::vector<std::string> out;
    for (const auto at : instants)
        for (const auto& files : presentations()) {
            const mra::facts::Facts facts{.certificates = mra::probe::read_certificate_files(files, trust, at)};
            out.push_back(mra::facts::to_json(facts).dump());
        }
    return out;
}

}  // namespace

TEST_CASE("cache: over a thousand chains judged with the caches are judged as without them") {
    const std::string root = fixture("certs/ca/root.pem");
    std::vector<std::string> uncached;
    {
        const Uncached off;
        uncached = judge_all(x509::TrustStore::from_file(root));
    }
    REQUIRE(uncached.size() >= 1000);
    // A store read again from the same file is the same store to the caches; the second pass finds
    // every certificate, key, signature and validation answer already there.
    for (int pass = 0; pass < 2; ++pass) {
        const auto cached = judge_all(x509::TrustStore::from_file(root));
        REQUIRE(cached.size() == uncached.size());
        for (std::size_t i = 0; i < cached.size(); ++i) {
            INFO("pass " << pass << ", chain " << i);
            CHECK(cached[i] == uncached[i]);
        }
    }
}

TEST_CASE("cache: a certificate decoded again is the same certificate, a bad one throws every time") {
    const auto der =
        x509::read_certificates(x509::read_file(fixture("certs/healthy/leaf.pem")), "leaf").front().BER_encode();
    const auto first = x509::cache::certificate(der);
    CHECK(x509::cache::certificate(der) == first);
    auto broken = der;
    broken.resize(broken.size() / 2);
    CHECK_THROWS(x509::cache::certificate(broken));
    CHECK_THROWS(x509::cache::certificate(broken));
}

TEST_CASE("cache: a signature is judged for its signer, not for whoever was asked first") {
    const auto load = [](const std::string& relative) {
        const std::string path = fixture("certs/" + relative);
        return x509::read_certificates(x509::read_file(path), path).front();
    };
    const auto leaf = load("healthy/leaf.pem");
    const auto intermediate = load("ca/intermediate.pem");
    const auto root = load("ca/root.pem");
    CHECK(x509::cache::signed_by(leaf, intermediate));
    CHECK_FALSE(x509::cache::signed_by(leaf, root));
    CHECK_FALSE(x509::cache::signed_by(leaf, leaf));
    CHECK(x509::cache::signed_by(intermediate, root));
    CHECK(x509::cache::signed_by(leaf, intermediate));  // asked again: the answer kept
}
