#include "x509/chain.hpp"

#include <botan/x509path.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/fixture_trust.hpp"
#include "tests/fixtures.hpp"
#include "util/input_error.hpp"
#include "x509/load.hpp"

using mra::test::fixture;
namespace x509 = mra::x509;

namespace {

// 2027-01-15T00:00:00Z, the date every fixture expectation is written for (fixtures/certs/README.md).
constexpr std::int64_t at = mra::test::fixture_time;

using Certificates = std::vector<Botan::X509_Certificate>;
using Indices = std::vector<std::size_t>;

Certificates load(const std::string& relative) {
    const std::string path = fixture("certs/" + relative);
    return x509::read_certificates(x509::read_file(path), path);
}

Certificates concat(std::initializer_list<Certificates> parts) {
    Certificates out;
    for (const auto& part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

const std::string root_subject = "CN=MRA Preflight Test Root CA,O=mra-preflight fixtures";

}  // namespace

TEST_CASE("the evaluation instant is 2027-01-15T00:00:00Z") {
    using namespace std::chrono;
    CHECK(sys_days(2027y / January / 15).time_since_epoch() / seconds(1) == at);
}

TEST_CASE("TrustStore: a PEM bundle, the system store, and unusable files") {
    const auto& store = mra::test::fixture_root_store();
    CHECK(store.description() == fixture("certs/ca/root.pem"));
    CHECK(store.store().all_subjects().size() == 1);

    const auto system = x509::TrustStore::system();
    CHECK(system.description() == "system");
    CHECK_FALSE(system.store().all_subjects().empty());

    CHECK_THROWS_AS(x509::TrustStore::from_file(fixture("certs/healthy/key.pem")), mra::InputError);
    CHECK_THROWS_AS(x509::TrustStore::from_file("/nonexistent/bundle.pem"), mra::InputError);
}

TEST_CASE(
    "analyse_chain: a chain longer than facts::max_listed is judged on its first certificates, the cut recorded") {
    auto padded = concat({load("healthy/leaf.pem"), load("healthy/chain.pem")});
    const auto intermediate = padded.back();
    while (padded.size() < 1000) padded.push_back(intermediate);  // each a duplicate of the intermediate
    const auto chain = x509::analyse_chain(padded, mra::test::fixture_root_store(), at);
    CHECK(chain.presented.size() == mra::facts::max_listed);
    CHECK(chain.duplicates.size() == mra::facts::max_listed - 2);
    CHECK(chain.path == Indices{0, 1});
    CHECK(chain.trust.trusted);
    REQUIRE(chain.cuts.size() == 1);
    CHECK(chain.cuts[0].list == "certificates");
    CHECK(chain.cuts[0].total == 1000);
}

TEST_CASE("analyse_chain: healthy leaf + intermediate, trusted against the root") {
    const auto chain = x509::analyse_chain(concat({load("healthy/leaf.pem"), load("healthy/chain.pem")}),
                                           mra::test::fixture_root_store(), at);
    CHECK(chain.presented.size() == 2);
    CHECK(chain.path == Indices{0, 1});
    CHECK(chain.duplicates.empty());
    CHECK(chain.unrelated.empty());
    CHECK(chain.top_issuer_in_store);
    CHECK(chain.trust.trusted);
    CHECK(chain.trust.result == "Verified");
    CHECK(chain.trust.anchor == root_subject);
    CHECK(chain.trust.store == fixture("certs/ca/root.pem"));
    CHECK(chain.trust.evaluated_at == at);
}

TEST_CASE("analyse_chain: out-of-order presentation is reordered, the root sits on the path") {
    // fullchain.pem is leaf, root, intermediate.
    const auto chain =
        x509::analyse_chain(load("chain-out-of-order/fullchain.pem"), mra::test::fixture_root_store(), at);
    REQUIRE(chain.presented.size() == 3);
    CHECK(chain.presented[1].common_name == "MRA Preflight Test Root CA");
    CHECK(chain.path == Indices{0, 2, 1});
    CHECK(chain.unrelated.empty());
    CHECK(chain.top_issuer_in_store);
    CHECK(chain.trust.trusted);
}

TEST_CASE("analyse_chain: a certificate sent twice is a duplicate, used once") {
    const auto chain =
        x509::analyse_chain(concat({load("chain-duplicate/leaf.pem"), load("chain-duplicate/chain.pem")}),
                            mra::test::fixture_root_store(), at);
    REQUIRE(chain.presented.size() == 3);
    CHECK(chain.path == Indices{0, 1});
    CHECK(chain.duplicates == Indices{2});
    CHECK(chain.unrelated.empty());
    CHECK(chain.trust.trusted);
}

TEST_CASE("analyse_chain: certificates that certify nothing on the path are unrelated") {
    const auto chain = x509::analyse_chain(
        concat({load("healthy/leaf.pem"), load("expressway-c/leaf.pem"), load("healthy/chain.pem")}),
        mra::test::fixture_root_store(), at);
    CHECK(chain.path == Indices{0, 2});
    CHECK(chain.unrelated == Indices{1});
    CHECK(chain.trust.trusted);
}

TEST_CASE("analyse_chain: a missing intermediate") {
    const auto chain = x509::analyse_chain(load("missing-intermediate/leaf.pem"), mra::test::fixture_root_store(), at);
    CHECK(chain.path == Indices{0});
    CHECK_FALSE(chain.top_issuer_in_store);
    CHECK_FALSE(chain.trust.trusted);
    CHECK(chain.trust.result == "Certificate issuer not found");
    CHECK(chain.trust.anchor.empty());
}

TEST_CASE("analyse_chain: a self-signed leaf, not in the store and pinned in it") {
    const auto leaf = load("self-signed/leaf.pem");
    const auto against_root = x509::analyse_chain(leaf, mra::test::fixture_root_store(), at);
    CHECK(against_root.path == Indices{0});
    CHECK_FALSE(against_root.top_issuer_in_store);
    CHECK_FALSE(against_root.trust.trusted);
    CHECK(against_root.trust.result == "Cannot establish trust");

    // Botan refuses any self-signed end entity; analyse_chain checks a pinned one on its own.
    const auto pinned =
        x509::analyse_chain(leaf, x509::TrustStore::from_file(fixture("certs/self-signed/leaf.pem")), at);
    CHECK(pinned.top_issuer_in_store);
    CHECK(pinned.trust.trusted);
    CHECK(pinned.trust.anchor == "CN=expe.example.com,O=Example Corp,C=US");
}

TEST_CASE("analyse_chain: MD5 and SHA-1 signatures and small keys do not decide trust") {
    for (const char* scenario : {"md5", "sha1", "rsa-1024", "ec-p192"}) {
        CAPTURE(scenario);
        const std::string folder = scenario;
        const auto chain = x509::analyse_chain(concat({load(folder + "/leaf.pem"), load(folder + "/chain.pem")}),
                                               mra::test::fixture_root_store(), at);
        CHECK(chain.path == Indices{0, 1});
        CHECK(chain.trust.trusted);
        CHECK(chain.trust.result == "Verified");
    }

    // Botan's default restrictions would have said otherwise: the relaxation is what makes the
    // verdict above about trust alone.
    const auto md5 = concat({load("md5/leaf.pem"), load("md5/chain.pem")});
    const auto strict = Botan::x509_path_validate(
        md5, Botan::Path_Validation_Restrictions(), mra::test::fixture_root_store().store(), "",
        Botan::Usage_Type::UNSPECIFIED, std::chrono::system_clock::time_point(std::chrono::seconds(at)));
    CHECK_FALSE(strict.successful_validation());
}

TEST_CASE("analyse_chain: expired and not yet valid at the evaluation time") {
    const auto expired = x509::analyse_chain(concat({load("expired/leaf.pem"), load("expired/chain.pem")}),
                                             mra::test::fixture_root_store(), at);
    CHECK(expired.path == Indices{0, 1});
    CHECK(expired.top_issuer_in_store);
    CHECK_FALSE(expired.trust.trusted);
    CHECK(expired.trust.result == "Certificate has expired");

    const auto early = x509::analyse_chain(concat({load("not-yet-valid/leaf.pem"), load("not-yet-valid/chain.pem")}),
                                           mra::test::fixture_root_store(), at);
    CHECK_FALSE(early.trust.trusted);
    CHECK(early.trust.result == "Certificate is not yet valid");
}

TEST_CASE("analyse_chain: nothing presented, and a bag of CAs without a loop") {
    const auto empty = x509::analyse_chain({}, mra::test::fixture_root_store(), at);
    CHECK(empty.path.empty());
    CHECK_FALSE(empty.trust.trusted);
    CHECK(empty.trust.store == fixture("certs/ca/root.pem"));

    // The root certifies itself and the intermediate; the walk must still stop.
    const auto cas =
        x509::analyse_chain(concat({load("ca/intermediate.pem"), load("ca/root.pem"), load("ca/root.pem")}),
                            mra::test::fixture_root_store(), at);
    CHECK(cas.path == Indices{0, 1});
    CHECK(cas.duplicates == Indices{2});
    CHECK(cas.trust.trusted);
}
