// `run --targets` before any deployment is probed: what it refuses, in one line and exit 3.

#include <doctest/doctest.h>

#include <algorithm>

#include "support/process.hpp"
#include "support/refused.hpp"
#include "support/scratch_dir.hpp"

namespace {

mra::test::Outcome fleet(const mra::test::ScratchDir& directory, std::vector<std::string> extra) {
    std::vector<std::string> args{"run", "--targets", directory / "fleet.toml"};
    args.insert(args.end(), extra.begin(), extra.end());
    return mra::test::run_tool(args);
}

using mra::test::refused;  // exit 3, one line naming the words, nothing on stdout

}  // namespace

TEST_CASE("run --targets refuses a malformed fleet, before any probe") {
    const mra::test::ScratchDir directory;
    const std::string good = "[[target]]\ndomain = \"example.com\"\nresolver = \"127.0.0.1:9\"\n";

    directory.write("fleet.toml", "[[target]]\ndomain = \"example.com\"\ntimeout = 0.5\nsecret = 1\n");
    refused(fleet(directory, {}), "fleet.toml:4: [[target]] 1: unknown key 'secret'");

    directory.write("fleet.toml", "[[target]]\ndomain = \"example.com\"\nedge-base64 = \"morse\"\n");
    const auto semantic = fleet(directory, {});  // cxxopts accepts it; the target itself cannot run
    CHECK(semantic.exit_code == 3);
    CHECK(semantic.err.find("example.com: --edge-base64 must be url or standard") != std::string::npos);

    directory.write("fleet.toml", good);
    refused(fleet(directory, {"--resolver", "8.8.8.8"}), "--resolver applies to one deployment");
    refused(fleet(directory, {"--shard", "3/2"}), "--shard: '3/2' is not I/N");
    refused(fleet(directory, {"--jobs", "0"}), "--jobs must be between 1 and 64");
    refused(fleet(directory, {"--format", "json"}), "--format with --targets needs --output-dir");
    refused(fleet(directory, {"--output-dir", directory / "absent", "--format", "json"}), "is not a directory");
    refused(fleet(directory, {"--output-dir", directory.path(), "--format", "json=x.json"}),
            "a fleet writes each target's reports to --output-dir");
    refused(fleet(directory, {"--output-dir", directory.path(), "--format", "pdf"}), "unknown format 'pdf'");
    refused(mra::test::run_tool({"run", "--targets", directory / "absent.toml"}), "absent.toml: no such file");
}
