#include "cli/targets_file.hpp"

#include <doctest/doctest.h>

#include "support/scratch_dir.hpp"
#include "util/input_error.hpp"

namespace {

std::string error_of(const std::string& text) {
    const mra::test::ScratchDir directory;
    try {
        mra::cli::read_targets(directory.write("fleet.toml", text));
    } catch (const mra::InputError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("targets file: defaults, per-target options as run arguments, paths relative to the file") {
    const mra::test::ScratchDir directory;
    const std::string file = directory.write("fleet.toml", R"(
[defaults]
resolver = "127.0.53.1:53"
timeout = 12
ca_bundle = "ca.pem"

[[target]]
domain = "example.com"
user = "test1"
password-file = "secrets/example.password"
pin-sha256 = ["a", "b"]
insecure = false

[[target]]
name = "acme-internal"
domain = "acme.example"
resolver = "10.0.0.53"
insecure = true
profile = "mra-readiness"
)");
    const auto targets = mra::cli::read_targets(file);
    REQUIRE(targets.size() == 2);
    CHECK(targets[0].name == "example.com");
    const std::vector<std::string> first{"example.com",
                                         "--ca-bundle",
                                         directory.path() + "/ca.pem",
                                         "--password-file",
                                         directory.path() + "/secrets/example.password",
                                         "--pin-sha256",
                                         "a",
                                         "--pin-sha256",
                                         "b",
                                         "--resolver",
                                         "127.0.53.1:53",
                                         "--timeout",
                                         "12.000000",
                                         "--user",
                                         "test1"};
    CHECK(targets[0].arguments == first);
    CHECK(targets[1].name == "acme-internal");
    const std::vector<std::string> second{"acme.example", "--ca-bundle", directory.path() + "/ca.pem",
                                          "--insecure",   "--profile",   "mra-readiness",
                                          "--resolver",   "10.0.0.53",   "--timeout",
                                          "12.000000"};
    CHECK(targets[1].arguments == second);
}

TEST_CASE("targets file: what it cannot use is one line naming the file and the line") {
    CHECK(error_of("[[target]]\ndomain = \"a.example\"\npassword = \"hunter2\"\n")
              .find("fleet.toml:3: [[target]] 1: unknown key 'password' (give password-file or password-env") !=
          std::string::npos);
    CHECK(error_of("[[target]]\ndomain = \"a.example\"\ntimeout = \"soon\"\n").find("timeout must be a number") !=
          std::string::npos);
    CHECK(error_of("[[target]]\nuser = \"u\"\n").find("[[target]] 1 has no domain") != std::string::npos);
    CHECK(error_of("[[target]]\ndomain = \"a.example\"\n[[target]]\ndomain = \"a.example\"\n")
              .find("a second target named 'a.example'") != std::string::npos);
    CHECK(error_of("[[target]]\nname = \"../etc\"\ndomain = \"a.example\"\n").find("must be a file name") !=
          std::string::npos);
    CHECK(error_of("[defaults]\ndomain = \"a.example\"\n[[target]]\ndomain = \"b.example\"\n")
              .find("[defaults] cannot set a domain") != std::string::npos);
    CHECK(error_of("[[targets]]\ndomain = \"a.example\"\n").find("unknown key 'targets'") != std::string::npos);
    CHECK(error_of("").find("no [[target]] tables") != std::string::npos);
    CHECK(error_of("[[target]\n").find("fleet.toml:1: ") != std::string::npos);  // toml++'s own words
    CHECK(error_of("[[target]]\ndomain = \"a.example\"\ninsecure = \"yes\"\n").find("must be true or false") !=
          std::string::npos);
    CHECK_THROWS_AS(mra::cli::read_targets("/nonexistent/fleet.toml"), mra::InputError);
}

TEST_CASE("targets file: each domain is checked as run's DOMAIN is, an internationalised one made its A-label") {
    CHECK(error_of("[[target]]\ndomain = \"ex ample.com\"\n")
              .find("[[target]] 1: DOMAIN 'ex ample.com' is not a valid domain name: it holds a space") !=
          std::string::npos);
    CHECK(error_of("[[target]]\ndomain = \"" + std::string(64, 'a') + ".example\"\n").find("a label of 64 octets") !=
          std::string::npos);
    const mra::test::ScratchDir directory;
    const auto targets =
        mra::cli::read_targets(directory.write("fleet.toml", "[[target]]\ndomain = \"bücher.example\"\n"));
    REQUIRE(targets.size() == 1);
    CHECK(targets[0].name == "xn--bcher-kva.example");
    CHECK(targets[0].arguments.front() == "xn--bcher-kva.example");
}
