// The DOMAIN of `run` is judged before anything is sent (one line, exit 3).

#include <doctest/doctest.h>

#include "support/process.hpp"
#include "support/refused.hpp"

namespace {

// A resolver nobody serves: were the domain accepted, the run would report it (not exit 3 at once).
const std::vector<std::string> offline = {"--resolver", "127.0.0.1:9", "--timeout", "2"};

mra::test::Outcome run_domain(const std::string& domain) {
    std::vector<std::string> args = {"run", domain};
    args.insert(args.end(), offline.begin(), offline.end());
    return mra::test::run_tool(args);
}

}  // namespace

TEST_CASE("run: a DOMAIN with a space is refused before anything is sent") {
    mra::test::refused(run_domain("ex ample.com"),
                       "DOMAIN 'ex ample.com' is not a valid domain name: it holds a space");
}

TEST_CASE("run: a label of 300 characters is refused, saying so") {
    mra::test::refused(run_domain(std::string(300, 'a') + ".com"), "a label of 300 octets, more than the 63");
}

TEST_CASE("run: an invalid internationalised DOMAIN is refused") {
    mra::test::refused(run_domain("\xe2\x9d\xa4.example"), "not a valid internationalised name");
}

TEST_CASE("run: an internationalised DOMAIN is asked for as its A-label") {
    std::vector<std::string> args = {"run", "bücher.example", "--format", "json"};
    args.insert(args.end(), offline.begin(), offline.end());
    const auto outcome = mra::test::run_tool(args);
    INFO(outcome.err);
    CHECK(outcome.out.find("\"target\": \"xn--bcher-kva.example\"") != std::string::npos);
    CHECK(outcome.out.find("_collab-edge._tls.xn--bcher-kva.example") != std::string::npos);
}
