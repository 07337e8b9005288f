// cert.chain-order: leaf first, each certificate followed by its issuer (RFC 8446 §4.4.2; RFC 5246 §7.4.2).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

TEST_CASE("cert.chain-order: leaf then issuing CA then root passes") {
    const auto result = only_result("cert.chain-order", offline(chain_of({leaf(), intermediate(), root()})));
    CHECK(result.subject.name() == "chain");
    CHECK(result.status == Status::pass);
    CHECK(mentions(result.message, "leaf first"));
    CHECK(result.evidence["presented"].size() == 3);
}

TEST_CASE("cert.chain-order: the root presented before the issuing CA fails, naming the certificate out of place") {
    auto chain = chain_of({leaf(), root(), intermediate()});
    chain.path = {0, 2, 1};
    const auto result = only_result("cert.chain-order", offline(chain));
    CHECK(result.status == Status::fail);
    CHECK(result.message ==
          "certificate 1 (CN=Example Root CA,O=Example Corp,C=US) is not the issuer of the one "
          "before it");
}

TEST_CASE("cert.chain-order: a duplicate or a certificate of another chain fails") {
    // Leaf and issuing CA on the path, then `extra`, a duplicate or not on the path.
    const auto judged = [](mra::facts::Certificate extra, bool duplicate) {
        auto chain = chain_of({leaf(), intermediate(), std::move(extra)});
        chain.path = {0, 1};
        (duplicate ? chain.duplicates : chain.unrelated) = {2};
        return only_result("cert.chain-order", offline(chain));
    };
    const auto duplicate = judged(intermediate(), true);
    CHECK(duplicate.status == Status::fail);
    CHECK(duplicate.message == "certificate 2 (CN=Example Issuing CA,O=Example Corp,C=US) is a duplicate");

    const auto unrelated = judged(certificate("Other Issuing CA", "Other Root CA"), false);
    CHECK(unrelated.status == Status::fail);
    CHECK(unrelated.message ==
          "certificate 2 (CN=Other Issuing CA,O=Example Corp,C=US) is not on the path to the leaf");
}

TEST_CASE("cert.chain-order: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.chain-order", "chain");
}
